extension EncodingNode {
    /// The JSON of values that need no container: `JSON`, `JSONObject`, strings, booleans,
    /// numbers. Nil for every other type, which encodes itself.
    ///
    /// - Throws: `EncodingError.invalidValue` for NaN and infinities, which JSON cannot carry,
    ///   and for unsigned integers above `Int64.max`.
    static func scalar<T: Encodable>(_ value: T, at path: @autoclosure () -> [any CodingKey]) throws -> JSON? {
        switch value {
        case let json as JSON: return json
        case let object as JSONObject: return .object(object)
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let real as Double: return try number(real, at: path())
        case let real as Float: return try number(real, at: path())
        case let integer as Int: return .int(Int64(integer))
        case let integer as Int64: return .int(integer)
        case let integer as Int32: return .int(Int64(integer))
        case let integer as Int16: return .int(Int64(integer))
        case let integer as Int8: return .int(Int64(integer))
        case let integer as UInt: return try number(integer, at: path())
        case let integer as UInt64: return try number(integer, at: path())
        case let integer as UInt32: return .int(Int64(integer))
        case let integer as UInt16: return .int(Int64(integer))
        case let integer as UInt8: return .int(Int64(integer))
        default: return nil
        }
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
