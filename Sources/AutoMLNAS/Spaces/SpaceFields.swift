import AutoMLJSON

/// Strict decoding and range checks for the options of an architecture space, with errors
/// that name `<path>.<field>`.
enum SpaceFields {
    /// Decodes `json` as `T`, refusing unknown members (a misspelt option is an error).
    static func decode<T: Decodable>(_ type: T.Type, from json: JSON, path: String) throws(JSONFieldError) -> T {
        var decoder = JSONValueDecoder()
        decoder.rejectUnknownMembers = true
        return try decoder.decode(type, from: json, path: path)
    }

    /// `value` (or `fallback` when absent) after checking it lies in `range`.
    static func int(_ value: Int?, default fallback: Int, in range: ClosedRange<Int>, path: String,
                    _ field: String) throws(JSONFieldError) -> Int {
        let chosen = value ?? fallback
        guard range.contains(chosen) else {
            throw JSONFieldError(path: JSONPath.member(path, field),
                                 reason: "expected an integer from \(range.lowerBound) to \(range.upperBound), not \(chosen)")
        }
        return chosen
    }

    /// The names in `values` (or `fallback`) read as `E`, non-empty and without repeats.
    static func names<E: RawRepresentable & Equatable>(_ values: [String]?, default fallback: [E], path: String,
                                                       _ field: String) throws(JSONFieldError) -> [E] where E.RawValue == String {
        guard let values else { return fallback }
        let at = JSONPath.member(path, field)
        guard !values.isEmpty else { throw JSONFieldError(path: at, reason: "expected at least one name") }
        var result: [E] = []
        for (i, name) in values.enumerated() {
            guard let value = E(rawValue: name) else {
                throw JSONFieldError(path: JSONPath.element(at, i), reason: "unknown name \"\(name)\"")
            }
            guard !result.contains(value) else {
                throw JSONFieldError(path: JSONPath.element(at, i), reason: "\"\(name)\" is listed twice")
            }
            result.append(value)
        }
        return result
    }

    /// The per-sample input shape for a `dimensions`-D network: `[channels, length]` or
    /// `[channels, height, width]`.
    static func inputShape(_ shape: [Int]?, dimensions: Int, default fallback: [Int], path: String) throws(JSONFieldError) -> [Int] {
        guard let shape else { return fallback }
        guard shape.count == dimensions + 1, shape.allSatisfy({ (1...65_536).contains($0) }) else {
            throw JSONFieldError(path: JSONPath.member(path, "inputShape"),
                                 reason: "a \(dimensions)-D space takes [channels, \(dimensions == 1 ? "length" : "height, width")] of positive extents, not \(shape)")
        }
        return shape
    }

    static func json(_ values: [Int]) -> JSON { .array(values.map { .int(Int64($0)) }) }

    static func json<E: RawRepresentable>(_ values: [E]) -> JSON where E.RawValue == String {
        .array(values.map { .string($0.rawValue) })
    }
}
