/// Reads the members of a JSON object by key; a missing member is an error at its own path.
///
/// Unknown members are ignored. `allKeys` lists the members in the object's order.
struct JSONKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    private let context: DecodingContext
    /// The object's path, linked once for all its members.
    private let link: CodingPathLink?

    /// This object's path as text, when unknown members are tracked.
    private let trackedPath: String?

    init(object: JSONObject, node: DecodingNode) {
        self.object = object
        context = node.context
        link = node.link
        if let tracker = context.tracker {
            let path = JSONPath.of(CodingPathLink.keys(link), under: context.basePath)
            tracker.register(path: path, object: object)
            trackedPath = path
        } else {
            trackedPath = nil
        }
    }

    var codingPath: [any CodingKey] { CodingPathLink.keys(link) }

    var allKeys: [Key] {
        if let trackedPath { context.tracker?.askedForAll(at: trackedPath) }
        return object.keys.compactMap { Key(stringValue: $0) }
    }

    func contains(_ key: Key) -> Bool {
        track(key)
        return object[key.stringValue] != nil
    }

    private func track(_ key: Key) {
        if let trackedPath { context.tracker?.asked(key.stringValue, at: trackedPath) }
    }

    /// The node of member `key`, or a "required field is missing" error at the key's path.
    private func member(_ key: Key) throws(JSONFieldError) -> DecodingNode {
        track(key)
        guard let value = object[key.stringValue] else { throw context.failure("required field is missing", atPath: codingPath + [key]) }
        return DecodingNode(value: value, context: context, parent: link, key: key)
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key).value.isNull }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try member(key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try member(key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try member(key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try member(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try member(key).integer(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try member(key).integer(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try member(key).integer(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try member(key).integer(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try member(key).integer(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try member(key).integer(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try member(key).integer(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try member(key).integer(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try member(key).integer(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try member(key).integer(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try member(key).decodeValue(type) }

    // Absent and null read as nil with one lookup (the default implementations take three).

    /// The node of member `key` when it is present and not null.
    private func presentMember(_ key: Key) -> DecodingNode? {
        track(key)
        guard let value = object[key.stringValue], !value.isNull else { return nil }
        return DecodingNode(value: value, context: context, parent: link, key: key)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try presentMember(key)?.decode(type) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try presentMember(key)?.decode(type) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try presentMember(key)?.decode(type) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try presentMember(key)?.decode(type) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try presentMember(key)?.integer(type) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try presentMember(key)?.integer(type) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try presentMember(key)?.integer(type) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try presentMember(key)?.integer(type) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try presentMember(key)?.integer(type) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try presentMember(key)?.integer(type) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try presentMember(key)?.integer(type) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try presentMember(key)?.integer(type) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try presentMember(key)?.integer(type) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try presentMember(key)?.integer(type) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try presentMember(key)?.decodeValue(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try member(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try member(key).unkeyedContainer()
    }

    /// A decoder for the member `super`, or for null when there is none.
    func superDecoder() throws -> any Decoder {
        DecodingNode(value: object[JSONMemberKey.super.stringValue] ?? .null, context: context, parent: link, key: JSONMemberKey.super)
    }

    /// A decoder for member `key`, or for null when there is none.
    func superDecoder(forKey key: Key) throws -> any Decoder {
        DecodingNode(value: object[key.stringValue] ?? .null, context: context, parent: link, key: key)
    }
}
