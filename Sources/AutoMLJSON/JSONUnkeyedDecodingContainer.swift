/// Reads the elements of a JSON array in order; reading past the end is an error at the
/// missing position's path. A failed read does not advance.
struct JSONUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let elements: [JSON]
    private let context: DecodingContext
    /// The array's path, linked once for all its elements.
    private let link: CodingPathLink?
    private(set) var currentIndex = 0

    init(elements: [JSON], node: DecodingNode) {
        self.elements = elements
        context = node.context
        link = node.link
    }

    var codingPath: [any CodingKey] { CodingPathLink.keys(link) }

    var count: Int? { elements.count }

    var isAtEnd: Bool { currentIndex >= elements.count }

    /// The node of the current element, or a "required element is missing" error.
    private func current() throws(JSONFieldError) -> DecodingNode {
        let key = JSONIndexKey(currentIndex)
        guard currentIndex < elements.count else { throw context.failure("required element is missing", atPath: codingPath + [key]) }
        return DecodingNode(value: elements[currentIndex], context: context, parent: link, key: key)
    }

    /// Reads the current element with `read`, then moves past it.
    private mutating func next<T>(_ read: (DecodingNode) throws -> T) throws -> T {
        let value = try read(current())
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard try current().value.isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next { try $0.decode(type) } }
    mutating func decode(_ type: String.Type) throws -> String { try next { try $0.decode(type) } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next { try $0.decode(type) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next { try $0.decode(type) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try next { try $0.integer(type) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next { try $0.integer(type) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next { try $0.integer(type) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next { try $0.integer(type) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next { try $0.integer(type) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next { try $0.integer(type) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next { try $0.integer(type) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next { try $0.integer(type) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next { try $0.integer(type) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next { try $0.integer(type) } }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next { try $0.decodeValue(type) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next { try $0.container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next { try $0.unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder {
        try next { $0 }
    }
}
