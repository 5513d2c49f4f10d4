import AutoMLJSON

/// A network to build and train, as JSON: a sequence of layers, or a graph of nodes and edges.
///
/// ```json
/// {"inputShape": [1, 40],
///  "layers": [{"type": "conv1d", "channels": 32, "kernel": 3, "padding": "same"},
///             {"type": "relu"}, {"type": "flatten"}, {"type": "linear", "units": 10}]}
///
/// {"nodes": [{"name": "h", "op": {"type": "linear", "units": 32}},
///            {"name": "a", "op": {"type": "relu"}}, {"name": "b", "op": {"type": "tanh"}},
///            {"name": "sum"}, {"name": "out", "op": {"type": "linear", "units": 10}}],
///  "edges": [{"from": "input", "to": "h"}, {"from": "h", "to": "a"}, {"from": "h", "to": "b"},
///            {"from": "a", "to": "sum"}, {"from": "b", "to": "sum"}, {"from": "sum", "to": "out"}],
///  "output": "out"}
/// ```
///
/// `inputShape` (optional) is the per-sample shape the data set's flat features are reshaped
/// to, e.g. `[1, 40]` for a 1-D convolution over 40 values; it defaults to `[features]`. The
/// model's output must be `[classes]` per sample (scores; the loss applies the softmax).
/// Graph semantics and operation fields: see `GraphSpec` and `OperationSpec`.
public struct ModelDescription: Sendable, Equatable {
    public var inputShape: [Int]?
    /// The body: a `.sequence` for `layers`, a `.graph` for `nodes`/`edges`.
    public var body: Operation

    public init(inputShape: [Int]? = nil, layers: [OperationSpec]) {
        self.inputShape = inputShape
        body = .sequence(layers)
    }

    public init(inputShape: [Int]? = nil, graph: GraphSpec) {
        self.inputShape = inputShape
        body = .graph(graph)
    }

    /// Decodes a description from JSON, rejecting unknown fields; errors name their path
    /// under `path` (e.g. `config.model.layers[2].kernel`).
    public static func decode(_ json: JSON, path: String = "model") throws(JSONFieldError) -> ModelDescription {
        var decoder = JSONValueDecoder()
        decoder.rejectUnknownMembers = true
        return try decoder.decode(ModelDescription.self, from: json, path: path)
    }

    /// The JSON form (what `decode` reads).
    public var json: JSON {
        (try? JSONValueEncoder().encode(self)) ?? .null
    }
}

extension ModelDescription: Codable {
    enum CodingKeys: String, CodingKey { case inputShape, layers, nodes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        inputShape = try c.decodeIfPresent([Int].self, forKey: .inputShape)
        if let shape = inputShape, shape.isEmpty || !shape.allSatisfy({ $0 >= 1 }) {
            throw DecodingError.dataCorruptedError(forKey: .inputShape, in: c, debugDescription: "expected positive extents")
        }
        switch (c.contains(.layers), c.contains(.nodes)) {
        case (true, false):
            let layers = try c.decode([OperationSpec].self, forKey: .layers)
            guard !layers.isEmpty else {
                throw DecodingError.dataCorruptedError(forKey: .layers, in: c, debugDescription: "expected at least one layer")
            }
            body = .sequence(layers)
        case (false, true):
            body = .graph(try GraphSpec(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .layers, in: c, debugDescription: "a model has either \"layers\" or \"nodes\" and \"edges\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(inputShape, forKey: .inputShape)
        switch body {
        case .sequence(let layers): try c.encode(layers, forKey: .layers)
        case .graph(let graph): try graph.encode(to: encoder)
        default: try c.encode([OperationSpec(body)], forKey: .layers)
        }
    }
}
