import AutoMLJSON
import AutoMLNumerics

/// Turns a model description into layers: infers every operation's per-sample output shape,
/// checks that each operation fits its input, creates (or shares) the parameters, and counts
/// multiply-accumulates. Errors name the description's JSON path.
struct ModelBuilder {
    struct Built {
        let layer: any Layer
        let shape: [Int]
        /// Multiply-accumulates per sample (linear and convolution products).
        let macs: Int
    }

    /// The most values one sample's activations may hold at any layer, and the most
    /// parameter values a model may have: descriptions beyond them are errors, not an
    /// allocation that brings the process down.
    static let activationLimit = 1 << 24
    static let parameterLimit = 1 << 27

    var store = ParameterStore()
    var generator: SeededGenerator
    let initialization: WeightInitialization
    let defaultDropout: Double
    private var parameterValues = 0

    init(generator: SeededGenerator, initialization: WeightInitialization, defaultDropout: Double) {
        self.generator = generator
        self.initialization = initialization
        self.defaultDropout = defaultDropout
    }

    /// Builds one operation for a per-sample `input` shape.
    mutating func build(_ spec: OperationSpec, input: [Int], name defaultName: String, path: String,
                        frozen inheritedFrozen: Bool = false) throws(JSONFieldError) -> Built {
        let built = try buildOperation(spec, input: input, name: defaultName, path: path, frozen: inheritedFrozen)
        guard let count = Shape.checkedCount(built.shape), count <= Self.activationLimit else {
            throw JSONFieldError(path: path, reason: "the output \(built.shape) exceeds \(Self.activationLimit) values per sample")
        }
        return built
    }

    private mutating func buildOperation(_ spec: OperationSpec, input: [Int], name defaultName: String, path: String,
                                         frozen inheritedFrozen: Bool) throws(JSONFieldError) -> Built {
        let name = spec.name ?? defaultName
        let frozen = inheritedFrozen || spec.frozen
        func fail(_ reason: String) -> JSONFieldError { JSONFieldError(path: path, reason: reason) }
        switch spec.operation {
        case .linear(let units, let bias):
            guard input.count == 1 else {
                throw fail("linear takes [features] per sample, not \(input): add a flatten or global pooling before it")
            }
            let w = try declare("\(name).weight", [units, input[0]], .weight, frozen, path)
            let b = bias ? try declare("\(name).bias", [units], .bias, frozen, path) : nil
            return Built(layer: LinearLayer(weight: w, bias: b), shape: [units], macs: units * input[0])
        case .convolution(let conv):
            return try convolution(conv, input: input, name: name, path: path, frozen: frozen)
        case .batchNorm(let momentum, let epsilon, let affine):
            guard let channels = input.first else { throw fail("batch norm needs at least one axis") }
            let scale = affine ? try declare("\(name).scale", [channels], .scale, frozen, path) : nil
            let shift = affine ? try declare("\(name).shift", [channels], .bias, frozen, path) : nil
            let statistics: Int
            do { statistics = try store.declareStatistics(name, channels: channels) } catch { throw fail(error.description) }
            return Built(layer: BatchNormLayer(scale: scale, shift: shift, statistics: statistics,
                                               momentum: Float(momentum), epsilon: Float(epsilon)), shape: input, macs: 0)
        case .activation(let activation):
            return Built(layer: ActivationLayer(activation: activation), shape: input, macs: 0)
        case .dropout(let rate):
            return Built(layer: DropoutLayer(rate: Float(rate ?? defaultDropout)), shape: input, macs: 0)
        case .pooling(let pooling):
            guard input.count == pooling.rank + 1 else {
                throw fail("\(pooling.rank)-D pooling takes [channels, \(pooling.rank == 1 ? "length" : "height, width")] per sample, not \(input)")
            }
            let spatial = Array(input.dropFirst())
            guard let geometry = Self.geometry(spatial, kernel: pooling.kernel, stride: pooling.stride,
                                               dilation: Array(repeating: 1, count: pooling.rank), padding: pooling.padding)
            else { throw fail("the pooling window does not fit the input \(input)") }
            return Built(layer: PoolingLayer(kind: pooling.kind, rank: pooling.rank, geometry: geometry),
                         shape: [input[0]] + Self.outputSpatial(geometry, rank: pooling.rank), macs: 0)
        case .globalPooling(let kind):
            guard input.count >= 2 else { throw fail("global pooling takes [channels, positions...] per sample, not \(input)") }
            return Built(layer: GlobalPoolingLayer(kind: kind), shape: [input[0]], macs: 0)
        case .flatten:
            return Built(layer: ReshapeLayer(shape: [Shape.count(input)]), shape: [Shape.count(input)], macs: 0)
        case .reshape(let shape):
            guard Shape.checkedCount(shape) == Shape.count(input) else {
                throw fail("cannot reshape \(input) (\(Shape.count(input)) values) to \(shape)")
            }
            return Built(layer: ReshapeLayer(shape: shape), shape: shape, macs: 0)
        case .identity:
            return Built(layer: IdentityLayer(), shape: input, macs: 0)
        case .zero:
            return Built(layer: ZeroLayer(), shape: input, macs: 0)
        case .sequence(let ops):
            return try sequence(ops, input: input, name: name, frozen: frozen) { JSONPath.element(JSONPath.member(path, "ops"), $0) }
        case .mixed(let mixed):
            return try self.mixed(mixed, input: input, name: name, path: path, frozen: frozen)
        case .graph(let graph):
            return try self.graph(graph, input: input, name: name, path: path, frozen: frozen)
        }
    }

    /// Operations one after another; `path(i)` locates the i-th in the description.
    mutating func sequence(_ ops: [OperationSpec], input: [Int], name: String, frozen: Bool,
                           path: (Int) -> String) throws(JSONFieldError) -> Built {
        var layers: [any Layer] = [], shape = input, macs = 0
        for (i, op) in ops.enumerated() {
            let built = try build(op, input: shape, name: "\(name).\(i)", path: path(i), frozen: frozen)
            layers.append(built.layer)
            shape = built.shape
            macs += built.macs
        }
        return Built(layer: SequenceLayer(layers: layers), shape: shape, macs: macs)
    }

    /// Declares a parameter initialized for its role.
    mutating func declare(_ name: String, _ shape: [Int], _ role: ParameterStore.Role, _ frozen: Bool,
                          _ path: String, initial: [Double]? = nil) throws(JSONFieldError) -> Int {
        if store.position(of: name) == nil {
            guard let count = Shape.checkedCount(shape), count <= Self.parameterLimit - parameterValues else {
                throw JSONFieldError(path: path, reason: "parameter \(name) \(shape) takes the model beyond \(Self.parameterLimit) parameter values")
            }
            parameterValues += count
        }
        var generator = self.generator
        let initialization = self.initialization
        defer { self.generator = generator }
        do {
            return try store.declare(name, shape: shape, role: role, trainable: !frozen) {
                switch role {
                case .weight: return initialization.weight(shape: shape, generator: &generator)
                case .bias: return Tensor(zeros: shape)
                case .scale: return Tensor(shape: shape, repeating: 1)
                case .architecture: return Tensor(shape: shape, scalars: (initial ?? Array(repeating: 0, count: Shape.count(shape))).map { Float($0) })
                }
            }
        } catch {
            throw JSONFieldError(path: path, reason: error.description)
        }
    }
}
