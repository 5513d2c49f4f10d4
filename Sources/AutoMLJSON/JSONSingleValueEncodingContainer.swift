/// Stores one value as a node's whole content.
struct JSONSingleValueEncodingContainer: SingleValueEncodingContainer {
    let node: EncodingNode

    var codingPath: [any CodingKey] { node.codingPath }

    mutating func encodeNil() throws { node.store(.null) }
    mutating func encode(_ value: Bool) throws { node.store(.bool(value)) }
    mutating func encode(_ value: String) throws { node.store(.string(value)) }
    mutating func encode(_ value: Double) throws { node.store(try EncodingNode.number(value, at: codingPath)) }
    mutating func encode(_ value: Float) throws { node.store(try EncodingNode.number(value, at: codingPath)) }
    mutating func encode(_ value: Int) throws { node.store(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { node.store(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { node.store(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { node.store(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { node.store(.int(value)) }
    mutating func encode(_ value: UInt) throws { node.store(try EncodingNode.number(value, at: codingPath)) }
    mutating func encode(_ value: UInt8) throws { node.store(.int(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { node.store(.int(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { node.store(.int(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { node.store(try EncodingNode.number(value, at: codingPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws { _ = try node.encode(value) }
}
