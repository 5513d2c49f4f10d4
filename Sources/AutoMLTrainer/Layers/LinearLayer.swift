/// `[B, in]` → `[B, units]`.
struct LinearLayer: Layer {
    let weight: Int
    let bias: Int?

    func forward(_ input: Variable, _ context: ForwardContext) -> Variable {
        input.linear(weight: context.parameter(weight), bias: bias.map { context.parameter($0) })
    }
}
