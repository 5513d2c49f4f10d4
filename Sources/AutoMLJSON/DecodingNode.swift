/// What every node of one decoding shares: the path prefix of the root and the user info.
final class DecodingContext {
    let basePath: String
    let userInfo: [CodingUserInfoKey: Any]

    init(basePath: String, userInfo: [CodingUserInfoKey: Any]) {
        self.basePath = basePath
        self.userInfo = userInfo
    }
}

/// The `Decoder` positioned on one JSON value; it is also that value's single-value container.
///
/// A node keeps its parent's coding path and its own key rather than a built array, so reading
/// a scalar member allocates no path; paths are spelled out only when an error names one.
struct DecodingNode: Decoder, SingleValueDecodingContainer {
    let value: JSON
    let context: DecodingContext
    private let parentPath: [any CodingKey]
    private let key: (any CodingKey)?

    init(value: JSON, context: DecodingContext) {
        self.value = value
        self.context = context
        parentPath = []
        key = nil
    }

    private init(value: JSON, context: DecodingContext, parentPath: [any CodingKey], key: any CodingKey) {
        self.value = value
        self.context = context
        self.parentPath = parentPath
        self.key = key
    }

    var codingPath: [any CodingKey] {
        guard let key else { return parentPath }
        return parentPath + [key]
    }

    var userInfo: [CodingUserInfoKey: Any] { context.userInfo }

    /// The node of a member or element of this value.
    func child(_ value: JSON, key: any CodingKey) -> DecodingNode {
        DecodingNode(value: value, context: context, parentPath: codingPath, key: key)
    }

    /// An error at this value, or at its member or element `key`.
    func failure(_ reason: String, at key: (any CodingKey)? = nil) -> JSONFieldError {
        var path = codingPath
        if let key { path.append(key) }
        return JSONFieldError(path: JSONPath.of(path, under: context.basePath), reason: reason)
    }

    /// Runs a scalar conversion, naming this value's path when it fails.
    func scalar<T>(_ convert: (JSON) throws(JSONMismatch) -> T) throws(JSONFieldError) -> T {
        do {
            return try convert(value)
        } catch {
            throw failure(error.reason)
        }
    }

    // MARK: - Decoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else { throw failure(JSONMismatch.expected("an object", found: value).reason) }
        return KeyedDecodingContainer(JSONKeyedDecodingContainer<Key>(object: object, node: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw failure(JSONMismatch.expected("an array", found: value).reason) }
        return JSONUnkeyedDecodingContainer(elements: elements, node: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    // MARK: - Typed values

    /// Decodes a `T` from this value. `JSON` and `JSONObject` come back as they are (integers
    /// stay integers); common scalars skip `init(from:)`; any other error thrown from a type's
    /// `init(from:)` becomes a `JSONFieldError` at the path it names, or at this value.
    func decodeValue<T: Decodable>(_ type: T.Type) throws(JSONFieldError) -> T {
        if T.self == JSON.self, let raw = value as? T { return raw }
        if T.self == JSONObject.self {
            guard case .object(let object) = value else { throw failure(JSONMismatch.expected("an object", found: value).reason) }
            if let raw = object as? T { return raw }
        }
        if T.self == Double.self, let real = try scalar(JSONScalarDecoding.double) as? T { return real }
        if T.self == Int.self, let integer = try scalar({ v throws(JSONMismatch) in try JSONScalarDecoding.integer(v, as: Int.self) }) as? T {
            return integer
        }
        if T.self == String.self, let text = try scalar(JSONScalarDecoding.string) as? T { return text }
        do {
            return try T(from: self)
        } catch let error as JSONFieldError {
            throw error
        } catch let error as DecodingError {
            throw JSONFieldError(error, under: context.basePath)
        } catch {
            throw failure(String(describing: error))
        }
    }

    // MARK: - SingleValueDecodingContainer

    func decodeNil() -> Bool { value.isNull }

    func decode(_ type: Bool.Type) throws -> Bool { try scalar(JSONScalarDecoding.bool) }
    func decode(_ type: String.Type) throws -> String { try scalar(JSONScalarDecoding.string) }
    func decode(_ type: Double.Type) throws -> Double { try scalar(JSONScalarDecoding.double) }
    func decode(_ type: Float.Type) throws -> Float { try scalar(JSONScalarDecoding.float) }
    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }

    func integer<Integer: FixedWidthInteger>(_ type: Integer.Type) throws(JSONFieldError) -> Integer {
        try scalar { v throws(JSONMismatch) in try JSONScalarDecoding.integer(v, as: type) }
    }
}
