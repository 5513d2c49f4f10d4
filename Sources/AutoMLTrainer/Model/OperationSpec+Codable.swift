/// The JSON form of an operation: an object with a `type` and that type's fields.
///
/// ```json
/// {"type": "conv1d", "channels": 64, "kernel": 3, "dilation": 2, "padding": "same"}
/// {"type": "linear", "units": 10, "name": "head"}
/// {"type": "mixed", "alpha": "cell.e0", "candidates": [{"type": "identity"}, {"type": "zero"}]}
/// ```
///
/// Every operation also takes `name` (its parameter-name prefix; equal names share
/// parameters) and `frozen` (do not train its parameters). Spatial settings (`kernel`,
/// `stride`, `dilation`, `padding`) are an integer for every axis or an array with one per
/// axis; `padding` may also be `"same"` or `"valid"`. Fields a type does not know are errors
/// when the decoder rejects unknown members.
extension OperationSpec: Codable {
    enum CodingKeys: String, CodingKey {
        case type, name, frozen
        case units, bias, channels, kernel, stride, dilation, padding, groups
        case momentum, epsilon, affine, slope, alpha, rate, shape
        case ops, candidates, alphaInit, weights, active, nodes, edges, output
    }

    /// The `type` names, as written in JSON.
    public static let typeNames = [
        "linear", "conv1d", "conv2d", "batchnorm", "relu", "leakyrelu", "elu", "gelu", "tanh", "sigmoid",
        "softmax", "logsoftmax", "dropout", "maxpool1d", "avgpool1d", "maxpool2d", "avgpool2d", "globalavgpool",
        "globalmaxpool", "flatten", "reshape", "identity", "zero", "sequence", "mixed", "graph",
    ]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        frozen = try c.decodeIfPresent(Bool.self, forKey: .frozen) ?? false
        let reader = FieldReader(container: c)
        switch type {
        case "linear":
            operation = .linear(units: try reader.positive(.units), bias: try c.decodeIfPresent(Bool.self, forKey: .bias) ?? true)
        case "conv1d", "conv2d":
            let rank = type == "conv1d" ? 1 : 2
            operation = .convolution(Convolution(
                rank: rank, channels: try reader.positive(.channels), kernel: try reader.spatial(.kernel, rank: rank),
                stride: try reader.spatial(.stride, rank: rank, default: 1),
                dilation: try reader.spatial(.dilation, rank: rank, default: 1),
                padding: try reader.padding(rank: rank), groups: try reader.positive(.groups, default: 1),
                bias: try c.decodeIfPresent(Bool.self, forKey: .bias) ?? true))
        case "batchnorm":
            operation = .batchNorm(
                momentum: try reader.number(.momentum, default: 0.1, in: 0...1),
                epsilon: try reader.number(.epsilon, default: 1e-5, in: Double.leastNonzeroMagnitude...1),
                affine: try c.decodeIfPresent(Bool.self, forKey: .affine) ?? true)
        case "relu": operation = .activation(.relu)
        case "gelu": operation = .activation(.gelu)
        case "tanh": operation = .activation(.tanh)
        case "sigmoid": operation = .activation(.sigmoid)
        case "softmax": operation = .activation(.softmax)
        case "logsoftmax": operation = .activation(.logSoftmax)
        case "leakyrelu": operation = .activation(.leakyRelu(slope: try reader.number(.slope, default: 0.01, in: 0...1)))
        case "elu": operation = .activation(.elu(alpha: try reader.number(.alpha, default: 1, in: 0...100)))
        case "dropout":
            operation = .dropout(rate: try c.decodeIfPresent(Double.self, forKey: .rate).map { try reader.check($0, .rate, in: 0...0.99) })
        case "maxpool1d", "avgpool1d", "maxpool2d", "avgpool2d":
            let rank = type.hasSuffix("1d") ? 1 : 2
            let kernel = try reader.spatial(.kernel, rank: rank)
            operation = .pooling(Pooling(
                kind: type.hasPrefix("max") ? .max : .average, rank: rank, kernel: kernel,
                stride: try c.contains(.stride) ? reader.spatial(.stride, rank: rank) : kernel,
                padding: try reader.padding(rank: rank)))
        case "globalavgpool": operation = .globalPooling(.average)
        case "globalmaxpool": operation = .globalPooling(.max)
        case "flatten": operation = .flatten
        case "reshape":
            let shape = try c.decode([Int].self, forKey: .shape)
            guard !shape.isEmpty, shape.allSatisfy({ $0 >= 1 && $0 <= FieldReader.largest }) else {
                throw DecodingError.dataCorruptedError(forKey: .shape, in: c, debugDescription: "expected extents in [1, \(FieldReader.largest)]")
            }
            operation = .reshape(shape)
        case "identity": operation = .identity
        case "zero": operation = .zero
        case "sequence":
            operation = .sequence(try reader.nonEmpty([OperationSpec].self, .ops))
        case "mixed":
            operation = .mixed(try MixedOperation(reading: c, reader: reader))
        case "graph":
            operation = .graph(try GraphSpec(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c, debugDescription: "unknown operation \"\(type)\"; known: \(Self.typeNames.joined(separator: ", "))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try encodeOperation(into: &c, encoder: encoder)
        try c.encodeIfPresent(name, forKey: .name)
        if frozen { try c.encode(true, forKey: .frozen) }
    }
}

extension MixedOperation {
    init(reading c: KeyedDecodingContainer<OperationSpec.CodingKeys>, reader: FieldReader) throws {
        candidates = try reader.nonEmpty([OperationSpec].self, .candidates)
        alpha = try c.decodeIfPresent(String.self, forKey: .alpha)
        alphaInit = try c.decodeIfPresent([Double].self, forKey: .alphaInit)
        weights = try c.decodeIfPresent([Double].self, forKey: .weights)
        active = try c.decodeIfPresent([Int].self, forKey: .active)
        let count = candidates.count
        if let alphaInit, alphaInit.count != count || !alphaInit.allSatisfy(\.isFinite) {
            throw DecodingError.dataCorruptedError(forKey: .alphaInit, in: c, debugDescription: "expected \(count) finite numbers, one per candidate")
        }
        if let weights, weights.count != count || !weights.allSatisfy(\.isFinite) {
            throw DecodingError.dataCorruptedError(forKey: .weights, in: c, debugDescription: "expected \(count) finite numbers, one per candidate")
        }
        if weights != nil && (alpha != nil || alphaInit != nil) {
            throw DecodingError.dataCorruptedError(forKey: .weights, in: c, debugDescription: "fixed weights exclude alpha and alphaInit")
        }
        if let active, active.isEmpty || Set(active).count != active.count || !active.allSatisfy({ (0..<count).contains($0) }) {
            throw DecodingError.dataCorruptedError(forKey: .active, in: c, debugDescription: "expected distinct candidate indices in 0..<\(count)")
        }
    }
}
