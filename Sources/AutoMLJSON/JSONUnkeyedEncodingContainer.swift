/// Appends the elements of an array, in order.
struct JSONUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let array: EncodedArray
    let node: EncodingNode

    var codingPath: [any CodingKey] { node.codingPath }

    var count: Int { array.count }

    private func append(_ value: JSON) { array.append(value) }

    private var nextPath: [any CodingKey] { codingPath + [JSONIndexKey(count)] }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(try EncodingNode.number(value, at: nextPath)) }
    mutating func encode(_ value: Float) throws { append(try EncodingNode.number(value, at: nextPath)) }
    mutating func encode(_ value: Int) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { append(.int(value)) }
    mutating func encode(_ value: UInt) throws { append(try EncodingNode.number(value, at: nextPath)) }
    mutating func encode(_ value: UInt8) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { append(try EncodingNode.number(value, at: nextPath)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        if let scalar = try EncodingNode.scalar(value, at: nextPath) {
            append(scalar)
        } else {
            append(try node.child(JSONIndexKey(count)).encode(value) ?? .object(JSONObject()))
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        nestedNode().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { nestedNode().unkeyedContainer() }

    mutating func superEncoder() -> any Encoder { nestedNode() }

    /// A node appended as the next element, to be filled later through its containers.
    private func nestedNode() -> EncodingNode {
        let child = node.child(JSONIndexKey(count))
        array.append(child)
        return child
    }
}
