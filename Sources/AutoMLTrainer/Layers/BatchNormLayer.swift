/// Batch normalization with running statistics kept in the parameter store.
struct BatchNormLayer: Layer {
    let scale: Int?
    let shift: Int?
    let statistics: Int
    let momentum: Float
    let epsilon: Float

    func forward(_ input: Variable, _ context: ForwardContext) -> Variable {
        var running = context.statistics(statistics)
        let output = input.batchNorm(
            scale: scale.map { context.parameter($0) }, shift: shift.map { context.parameter($0) },
            running: &running, training: context.training, momentum: momentum, epsilon: epsilon)
        if context.training { context.setStatistics(running, at: statistics) }
        return output
    }
}
