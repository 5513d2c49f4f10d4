/// Reads and checks the numeric fields of an operation, throwing decoding errors located at
/// the offending key.
struct FieldReader {
    typealias Key = OperationSpec.CodingKeys
    let container: KeyedDecodingContainer<Key>
    /// The largest width, channel count, kernel, stride, dilation or padding accepted: far
    /// beyond any trainable network here, small enough that products of a few cannot overflow.
    static let largest = 1 << 20

    /// A required (or defaulted) integer ≥ 1.
    func positive(_ key: Key, default fallback: Int? = nil) throws -> Int {
        let value = try fallback.map { try container.decodeIfPresent(Int.self, forKey: key) ?? $0 }
            ?? container.decode(Int.self, forKey: key)
        guard value >= 1 && value <= Self.largest else { throw error(key, "expected an integer in [1, \(Self.largest)], found \(value)") }
        return value
    }

    /// A number in `range`, or `fallback` when absent.
    func number(_ key: Key, default fallback: Double, in range: ClosedRange<Double>) throws -> Double {
        try check(container.decodeIfPresent(Double.self, forKey: key) ?? fallback, key, in: range)
    }

    func check(_ value: Double, _ key: Key, in range: ClosedRange<Double>) throws -> Double {
        guard range.contains(value) else { throw error(key, "expected a number in [\(range.lowerBound), \(range.upperBound)], found \(value)") }
        return value
    }

    /// A non-empty array.
    func nonEmpty<T: Decodable>(_ type: [T].Type, _ key: Key) throws -> [T] {
        let value = try container.decode(type, forKey: key)
        guard !value.isEmpty else { throw error(key, "expected at least one element") }
        return value
    }

    /// One positive integer per spatial axis: an integer for all, or an array of `rank`.
    func spatial(_ key: Key, rank: Int, default fallback: Int? = nil) throws -> [Int] {
        if let fallback, !container.contains(key) { return Array(repeating: fallback, count: rank) }
        let values = try axes(key, rank: rank)
        guard values.allSatisfy({ $0 >= 1 && $0 <= Self.largest }) else { throw error(key, "expected integers in [1, \(Self.largest)]") }
        return values
    }

    /// `"same"`, `"valid"`, an integer, or one integer per axis (default 0).
    func padding(rank: Int) throws -> Padding {
        guard container.contains(.padding) else { return .explicit(Array(repeating: 0, count: rank)) }
        if let word = try? container.decode(String.self, forKey: .padding) {
            switch word {
            case "same": return .same
            case "valid": return .explicit(Array(repeating: 0, count: rank))
            default: throw error(.padding, "expected \"same\", \"valid\" or integers, found \"\(word)\"")
            }
        }
        let values = try axes(.padding, rank: rank)
        guard values.allSatisfy({ $0 >= 0 && $0 <= Self.largest }) else { throw error(.padding, "expected integers in [0, \(Self.largest)]") }
        return .explicit(values)
    }

    private func axes(_ key: Key, rank: Int) throws -> [Int] {
        if let single = try? container.decode(Int.self, forKey: key) { return Array(repeating: single, count: rank) }
        guard let values = try? container.decode([Int].self, forKey: key), values.count == rank else {
            throw error(key, rank == 1 ? "expected an integer" : "expected an integer or an array of \(rank) integers")
        }
        return values
    }

    private func error(_ key: Key, _ reason: String) -> DecodingError {
        DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: reason)
    }
}
