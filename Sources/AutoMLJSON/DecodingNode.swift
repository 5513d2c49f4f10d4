/// What every node of one decoding shares: the path prefix of the root and the user info.
final class DecodingContext {
    let basePath: String
    let userInfo: [CodingUserInfoKey: Any]
    /// Set when unknown members are to be reported.
    let tracker: UnknownMemberTracker?

    init(basePath: String, userInfo: [CodingUserInfoKey: Any], tracker: UnknownMemberTracker? = nil) {
        self.basePath = basePath
        self.userInfo = userInfo
        self.tracker = tracker
    }

    /// An error at `path`, a coding path from the root.
    func failure(_ reason: String, atPath path: [any CodingKey]) -> JSONFieldError {
        JSONFieldError(path: JSONPath.of(path, under: basePath), reason: reason)
    }
}

/// A coding path as a chain of keys from the innermost outwards, shared by everything beneath
/// it: descending one level costs one small object, not a copied array of keys.
final class CodingPathLink {
    let parent: CodingPathLink?
    let key: any CodingKey

    init(parent: CodingPathLink?, key: any CodingKey) {
        self.parent = parent
        self.key = key
    }

    /// The keys of a chain (nil is the root), outermost first.
    static func keys(_ link: CodingPathLink?) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        var current = link
        while let step = current {
            keys.append(step.key)
            current = step.parent
        }
        return keys.reversed()
    }
}

/// The `Decoder` positioned on one JSON value; it is also that value's single-value container.
///
/// A node holds the link of its parent's path and its own key, so reading a scalar member
/// builds no path at all; a container links its node's key once for all its children, and a
/// path is spelled out as keys or text only when asked for (by user code or an error).
struct DecodingNode: Decoder, SingleValueDecodingContainer {
    let value: JSON
    let context: DecodingContext
    private let parent: CodingPathLink?
    private let key: (any CodingKey)?

    init(value: JSON, context: DecodingContext) {
        self.value = value
        self.context = context
        parent = nil
        key = nil
    }

    /// The node of a member or element `key` of the value whose path is `parent`.
    init(value: JSON, context: DecodingContext, parent: CodingPathLink?, key: any CodingKey) {
        self.value = value
        self.context = context
        self.parent = parent
        self.key = key
    }

    /// This node's path as a link, for containers to hang their children on.
    var link: CodingPathLink? {
        guard let key else { return parent }
        return CodingPathLink(parent: parent, key: key)
    }

    var codingPath: [any CodingKey] {
        var keys = CodingPathLink.keys(parent)
        if let key { keys.append(key) }
        return keys
    }

    var userInfo: [CodingUserInfoKey: Any] { context.userInfo }

    /// An error at this value.
    func failure(_ reason: String) -> JSONFieldError {
        context.failure(reason, atPath: codingPath)
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
        // Each `unsafeBitCast` below follows a test that `T` is exactly the source type.
        if T.self == JSON.self { return unsafeBitCast(value, to: T.self) }
        if T.self == JSONObject.self {
            guard case .object(let object) = value else { throw failure(JSONMismatch.expected("an object", found: value).reason) }
            return unsafeBitCast(object, to: T.self)
        }
        if T.self == Double.self { return unsafeBitCast(try scalar(JSONScalarDecoding.double), to: T.self) }
        if T.self == Int.self { return unsafeBitCast(try integer(Int.self), to: T.self) }
        if T.self == String.self { return unsafeBitCast(try scalar(JSONScalarDecoding.string), to: T.self) }
        if T.self == Bool.self { return unsafeBitCast(try scalar(JSONScalarDecoding.bool), to: T.self) }
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
