/// Writes the members of an object; a key encoded twice keeps its first position.
///
/// `encodeIfPresent` (used for optional properties) writes nothing for nil, so absent optionals
/// are absent members; `encodeNil` writes an explicit null.
struct JSONKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: EncodedObject
    let node: EncodingNode

    var codingPath: [any CodingKey] { node.codingPath }

    private func set(_ value: JSON, _ key: Key) { object.set(value, forKey: key.stringValue) }

    private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

    mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(try EncodingNode.number(value, at: path(key)), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(try EncodingNode.number(value, at: path(key)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(.int(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(.int(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(.int(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(.int(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(.int(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(try EncodingNode.number(value, at: path(key)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(try EncodingNode.number(value, at: path(key)), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if let scalar = try EncodingNode.scalar(value, at: path(key)) {
            set(scalar, key)
        } else {
            set(try node.child(key).encode(value) ?? .object(JSONObject()), key)
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        nestedNode(key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        nestedNode(key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let child = node.child(JSONMemberKey.super)
        object.set(child, forKey: JSONMemberKey.super.stringValue)
        return child
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder { nestedNode(key) }

    /// A node stored as member `key`, to be filled later through its containers.
    private func nestedNode(_ key: Key) -> EncodingNode {
        let child = node.child(key)
        object.set(child, forKey: key.stringValue)
        return child
    }
}
