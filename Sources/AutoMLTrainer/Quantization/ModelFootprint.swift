import AutoMLJSON
import AutoMLNumerics

/// What a model's parameters take to store, layer by layer: the `modelBytes` metric.
///
/// Quantizable layers are the linear and convolution weights (`ParameterStore.Role.weight`), in
/// the store's creation order; everything else counted as a parameter (biases, batch-norm
/// scales and shifts) stays 32-bit. Architecture weights and batch-norm running statistics are
/// not counted, as in `parameterCount`. A layer of `p` weights at `b` bits takes `⌈p·b / 8⌉`
/// bytes.
public struct ModelFootprint: Sendable, Hashable {
    /// One linear or convolution weight tensor.
    public struct Layer: Sendable, Hashable {
        /// The parameter's name (`layers.0.weight`).
        public var name: String
        public var parameters: Int
    }

    public var layers: [Layer]
    /// Biases, scales and shifts: always 4 bytes each.
    public var otherParameters: Int

    /// The footprint of a built model's parameters.
    public init(_ store: ParameterStore) {
        layers = store.entries.filter { $0.role == .weight }.map { Layer(name: $0.name, parameters: $0.value.count) }
        otherParameters = store.entries.filter { $0.role == .bias || $0.role == .scale }.reduce(0) { $0 + $1.value.count }
    }

    /// The footprint of a description, built for samples of `features` values (default: the
    /// description's `inputShape`), whatever its number of outputs.
    /// - Throws: `JSONFieldError` under `path` when the description does not build.
    public init(_ description: ModelDescription, features: Int? = nil, path: String = "model") throws(JSONFieldError) {
        guard let input = description.inputShape ?? features.map({ [$0] }) else {
            throw JSONFieldError(path: JSONPath.member(path, "inputShape"), reason: "needed to size the model's layers")
        }
        var builder = ModelBuilder(generator: SeededGenerator(seed: 0), initialization: .fanInUniform, defaultDropout: 0)
        if case .sequence(let layers) = description.body {
            _ = try builder.sequence(layers, input: input, name: "layers", frozen: false) {
                JSONPath.element(JSONPath.member(path, "layers"), $0)
            }
        } else {
            _ = try builder.build(OperationSpec(description.body), input: input, name: "", path: path)
        }
        self.init(builder.store)
    }

    /// The bytes the parameters take with `bits` (32-bit floats everywhere when nil).
    public func bytes(_ bits: WeightBits? = nil) -> Int {
        var total = 4 * otherParameters
        for (k, layer) in layers.enumerated() {
            let width = bits?.bits(forLayer: k) ?? 32
            total += (layer.parameters * width + 7) / 8
        }
        return total
    }

    /// Checks that `bits` covers every quantizable layer.
    /// - Throws: `JSONFieldError` at `path` when an array has fewer entries than the layers.
    public func check(_ bits: WeightBits, path: String) throws(JSONFieldError) {
        guard let count = bits.layerCount, count < layers.count else { return }
        let names = layers.map(\.name)
        throw JSONFieldError(path: path, reason: "has \(count) entries; the model has \(layers.count) linear and convolution layers (\(names.prefix(8).joined(separator: ", "))\(names.count > 8 ? ", ..." : "")): give one width per layer, or one integer for all")
    }

    /// The names of the quantizable weights, in order.
    static func quantizableNames(_ store: ParameterStore) -> [String] {
        store.entries.filter { $0.role == .weight }.map(\.name)
    }
}
