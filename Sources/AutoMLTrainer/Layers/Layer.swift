import AutoMLNumerics

/// A built operation: it transforms a batch (`[B, per-sample shape...]`) on a tape.
///
/// Layers are made by `ModelBuilder` from a description, after shape inference, so their
/// forward passes never meet a shape they were not built for. They hold positions of their
/// parameters in the model's `ParameterStore`, not the tensors themselves.
protocol Layer: Sendable {
    func forward(_ input: Variable, _ context: ForwardContext) -> Variable
}

/// What a forward pass shares between layers: the tape, the mode, the dropout generator, the
/// parameters as tape variables (each made once per pass, so shared weights accumulate one
/// gradient), and the running statistics that batch norm updates in training.
final class ForwardContext {
    let tape: Tape
    let training: Bool
    var generator: SeededGenerator
    private(set) var store: ParameterStore
    private var variables: [Variable?]

    init(tape: Tape, store: ParameterStore, training: Bool, generator: SeededGenerator) {
        self.tape = tape
        self.store = store
        self.training = training
        self.generator = generator
        variables = Array(repeating: nil, count: store.entries.count)
    }

    /// The parameter at `position` as a variable of this pass.
    func parameter(_ position: Int) -> Variable {
        if let variable = variables[position] { return variable }
        let entry = store.entries[position]
        let variable = entry.trainable ? tape.parameter(entry.value) : tape.constant(entry.value)
        variables[position] = variable
        return variable
    }

    /// The variables made for parameters, by position (nil for parameters this pass never used).
    var parameterVariables: [Variable?] { variables }

    func statistics(_ position: Int) -> BatchNormStatistics { store.statistics(at: position) }

    func setStatistics(_ value: BatchNormStatistics, at position: Int) {
        store.setStatistics(value, at: position)
    }
}
