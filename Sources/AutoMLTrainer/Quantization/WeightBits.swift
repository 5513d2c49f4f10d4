import AutoMLJSON

/// The bit width of each quantizable layer's weights: the training config's `weightBits`.
///
/// Quantizable layers are the model's linear and convolution weights (`<name>.weight`
/// parameters), in the order the model creates them (the description's order; a shared weight
/// counts once). On the wire either one integer for every layer, or an array with one entry
/// per layer in that order:
///
/// ```json
/// {"weightBits": 8}
/// {"weightBits": [8, 4, 4, 8]}
/// ```
///
/// Each entry is 2 to 32; 32 leaves the layer in 32-bit floating point. An array longer than the
/// model's layer count is accepted and its extra entries ignored (architecture spaces emit one
/// entry per possible layer); a shorter one is an error when the model is built.
public enum WeightBits: Sendable, Hashable {
    case all(Int)
    case perLayer([Int])

    /// The accepted widths.
    public static let range = 2...32

    /// The width of layer `k` (32 when an array has no entry for it).
    public func bits(forLayer k: Int) -> Int {
        switch self {
        case .all(let bits): return bits
        case .perLayer(let list): return k < list.count ? list[k] : 32
        }
    }

    /// How many layers the array covers (nil for one width for all).
    public var layerCount: Int? {
        if case .perLayer(let list) = self { return list.count }
        return nil
    }

    public var json: JSON {
        switch self {
        case .all(let bits): return .int(Int64(bits))
        case .perLayer(let list): return .array(list.map { .int(Int64($0)) })
        }
    }
}

extension WeightBits: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let reason = "expected an integer from \(Self.range.lowerBound) to \(Self.range.upperBound), or an array of them (one per linear or convolution layer, in model order)"
        if let bits = try? container.decode(Int.self) {
            guard Self.range.contains(bits) else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(reason), found \(bits)") }
            self = .all(bits)
        } else if let list = try? container.decode([Int].self) {
            guard !list.isEmpty, list.allSatisfy(Self.range.contains) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: reason)
            }
            self = .perLayer(list)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: reason)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .all(let bits): try container.encode(bits)
        case .perLayer(let list): try container.encode(list)
        }
    }
}
