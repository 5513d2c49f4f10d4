extension EncodingNode {
    /// The JSON of values that need no container: `JSON`, `JSONObject`, strings, booleans,
    /// numbers. Nil for every other type, which encodes itself.
    ///
    /// - Throws: `EncodingError.invalidValue` for NaN and infinities, which JSON cannot carry,
    ///   and for unsigned integers above `Int64.max`.
    static func scalar<T: Encodable>(_ value: T, at path: @autoclosure () -> [any CodingKey]) throws -> JSON? {
        // Metatype comparisons first: one cheap test per type, one cast for the match.
        if T.self == JSON.self, let json = value as? JSON { return json }
        if T.self == String.self, let text = value as? String { return .string(text) }
        if T.self == Double.self, let real = value as? Double { return try number(real, at: path()) }
        if T.self == Int.self, let integer = value as? Int { return .int(Int64(integer)) }
        if T.self == Bool.self, let flag = value as? Bool { return .bool(flag) }
        if T.self == JSONObject.self, let object = value as? JSONObject { return .object(object) }
        if T.self == Float.self, let real = value as? Float { return try number(real, at: path()) }
        if T.self == Int64.self, let integer = value as? Int64 { return .int(integer) }
        if T.self == Int32.self, let integer = value as? Int32 { return .int(Int64(integer)) }
        if T.self == Int16.self, let integer = value as? Int16 { return .int(Int64(integer)) }
        if T.self == Int8.self, let integer = value as? Int8 { return .int(Int64(integer)) }
        if T.self == UInt.self, let integer = value as? UInt { return try number(integer, at: path()) }
        if T.self == UInt64.self, let integer = value as? UInt64 { return try number(integer, at: path()) }
        if T.self == UInt32.self, let integer = value as? UInt32 { return .int(Int64(integer)) }
        if T.self == UInt16.self, let integer = value as? UInt16 { return .int(Int64(integer)) }
        if T.self == UInt8.self, let integer = value as? UInt8 { return .int(Int64(integer)) }
        return nil
    }

    /// `.double`, refusing NaN and infinities.
    static func number(_ value: Double, at path: [any CodingKey]) throws -> JSON {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: path, debugDescription: "\(value) is not a finite number and JSON has no spelling for it"))
        }
        return .double(value)
    }

    /// `.double` holding the Double that prints as the Float does (`Float(0.1)` prints `0.1`).
    static func number(_ value: Float, at path: [any CodingKey]) throws -> JSON {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: path, debugDescription: "\(value) is not a finite number and JSON has no spelling for it"))
        }
        return .double(Double(value.description) ?? Double(value))
    }

    /// `.int`, refusing unsigned values above `Int64.max`.
    static func number<Unsigned: UnsignedInteger & FixedWidthInteger>(_ value: Unsigned, at path: [any CodingKey]) throws -> JSON {
        guard let exact = Int64(exactly: value) else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: path, debugDescription: "integer \(value) is out of the 64-bit signed range"))
        }
        return .int(exact)
    }
}
