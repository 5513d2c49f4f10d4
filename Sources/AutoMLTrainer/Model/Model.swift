import AutoMLJSON
import AutoMLNumerics

/// A network built from a `ModelDescription`: its layers, its parameters, and what it costs.
///
/// ```swift
/// var generator = SeededGenerator(seed: 0)
/// var model = try Model(description, features: 64, classes: 10, generator: &generator)
/// let tape = Tape()
/// let pass = model.forward(batch, tape: tape, training: true, generator: &generator)
/// tape.backward(from: pass.output.crossEntropy(labels: labels))
/// let gradients = pass.gradients()      // by parameter position, nil where none flowed
/// model.keepStatistics(of: pass)        // batch-norm running statistics
/// ```
public struct Model: Sendable {
    /// What the model was built from.
    public let modelDescription: ModelDescription
    /// The per-sample input shape (the data's flat features are reshaped to it).
    public let inputShape: [Int]
    /// The per-sample output shape, `[classes]`.
    public let outputShape: [Int]
    public var parameters: ParameterStore
    /// Multiply-accumulates of one sample's forward pass (linear and convolution products;
    /// a mixed operation counts its active candidates).
    public let multiplyAccumulates: Int
    let body: any Layer

    /// Builds `description` for data with `features` values per sample and `classes` classes.
    /// - Throws: `JSONFieldError` under `path` when an operation does not fit its input, a
    ///   shared parameter changes shape, a graph is malformed, or the output is not `[classes]`.
    public init(_ description: ModelDescription, features: Int, classes: Int,
                initialization: WeightInitialization = .fanInUniform, defaultDropout: Double = 0,
                generator: inout SeededGenerator, path: String = "model") throws(JSONFieldError) {
        let input = description.inputShape ?? [features]
        guard Shape.checkedCount(input) == features else {
            throw JSONFieldError(path: JSONPath.member(path, "inputShape"),
                                 reason: "\(input) does not hold the \(features) values per sample the data has")
        }
        var builder = ModelBuilder(generator: generator, initialization: initialization, defaultDropout: defaultDropout)
        let built: ModelBuilder.Built
        if case .sequence(let layers) = description.body {
            built = try builder.sequence(layers, input: input, name: "layers", frozen: false) {
                JSONPath.element(JSONPath.member(path, "layers"), $0)
            }
        } else {
            built = try builder.build(OperationSpec(description.body), input: input, name: "", path: path)
        }
        guard built.shape == [classes] else {
            throw JSONFieldError(path: path, reason: "the model outputs \(built.shape) per sample; the data has \(classes) classes, so it must output [\(classes)]")
        }
        generator = builder.generator
        modelDescription = description
        inputShape = input
        outputShape = built.shape
        parameters = builder.store
        multiplyAccumulates = built.macs
        body = built.layer
    }

    /// Runs `batch` (`[B, features]` or `[B] + inputShape`) through the model on `tape`.
    /// Dropout draws from `generator`; in training mode batch norm uses batch statistics.
    public func forward(_ batch: Tensor, tape: Tape, training: Bool, generator: inout SeededGenerator) -> ForwardPass {
        let context = ForwardContext(tape: tape, store: parameters, training: training, generator: generator)
        let size = batch.shape.first ?? 0
        let input = tape.constant(batch.reshaped([size] + inputShape))
        let output = body.forward(input, context)
        generator = context.generator
        return ForwardPass(output: output, context: context)
    }

    /// Scores `[B, classes]` for a batch, in evaluation mode, without recording gradients.
    public func predict(_ batch: Tensor) -> Tensor {
        var unused = SeededGenerator(seed: 0)
        return forward(batch, tape: Tape(recordsGradients: false), training: false, generator: &unused).output.value
    }

    /// Keeps the batch-norm running statistics a training pass computed.
    public mutating func keepStatistics(of pass: ForwardPass) {
        for (k, entry) in pass.context.store.statistics.enumerated() {
            parameters.setStatistics(entry.value, at: k)
        }
    }
}

/// The result of `Model.forward`: the output variable and access to parameter gradients.
public struct ForwardPass {
    public let output: Variable
    let context: ForwardContext

    /// After `tape.backward(from:)`: each parameter's gradient by store position; nil for
    /// parameters that are frozen or that this pass did not reach.
    public func gradients() -> [Tensor?] {
        context.parameterVariables.map { $0?.gradient }
    }

    /// The gradient of the parameter named `name` (for architecture weights handed to a search
    /// strategy, say), or nil.
    public func gradient(named name: String) -> Tensor? {
        context.store.position(of: name).flatMap { context.parameterVariables[$0]?.gradient }
    }
}
