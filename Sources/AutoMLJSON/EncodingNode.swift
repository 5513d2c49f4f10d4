import OrderedCollections

/// The `Encoder` that builds one JSON value.
///
/// Containers handed out by a node write into shared storage (reference types), since Swift's
/// encoding API lets a container be filled after the call that created it has returned; the
/// tree is turned into a `JSON` value once, by `result`. Members keep the order in which they
/// were first encoded.
final class EncodingNode: Encoder {
    /// What a node holds while encoding runs.
    enum Content {
        case empty
        case value(JSON)
        case object(EncodedObject)
        case array(EncodedArray)

        /// The finished value; nothing encoded at all gives an empty object.
        var json: JSON {
            switch self {
            case .empty: return .object(JSONObject())
            case .value(let value): return value
            case .object(let object): return object.json
            case .array(let array): return array.json
            }
        }
    }

    private(set) var content: Content = .empty
    let userInfo: [CodingUserInfoKey: Any]
    private let parentPath: [any CodingKey]
    private let key: (any CodingKey)?

    /// Built on first use: a node asked for its path usually has children that need it too.
    private(set) lazy var codingPath: [any CodingKey] = key.map { parentPath + [$0] } ?? parentPath

    init(userInfo: [CodingUserInfoKey: Any]) {
        self.userInfo = userInfo
        parentPath = []
        key = nil
    }

    private init(parent: EncodingNode, key: any CodingKey) {
        userInfo = parent.userInfo
        parentPath = parent.codingPath
        self.key = key
    }

    /// A node for the member or element `key` of this one.
    func child(_ key: any CodingKey) -> EncodingNode { EncodingNode(parent: self, key: key) }

    /// Makes `value` this node's whole content.
    func store(_ value: JSON) { content = .value(value) }

    /// The value encoded so far, or nil when nothing was.
    var result: JSON? {
        if case .empty = content { return nil }
        return content.json
    }

    /// Encodes `value` as this node's content: scalars, `JSON` and `JSONObject` directly,
    /// anything else through its `encode(to:)`. Returns the finished value, nil if it encoded nothing.
    func encode<T: Encodable>(_ value: T) throws -> JSON? {
        if let scalar = try Self.scalar(value, at: self.codingPath) {
            store(scalar)
        } else {
            try value.encode(to: self)
        }
        return result
    }

    // MARK: - Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let object) = content {
            return KeyedEncodingContainer(JSONKeyedEncodingContainer(object: object, node: self))
        }
        let object = EncodedObject()
        content = .object(object)
        return KeyedEncodingContainer(JSONKeyedEncodingContainer(object: object, node: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let array) = content { return JSONUnkeyedEncodingContainer(array: array, node: self) }
        let array = EncodedArray()
        content = .array(array)
        return JSONUnkeyedEncodingContainer(array: array, node: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { JSONSingleValueEncodingContainer(node: self) }
}

/// An object under construction. Finished members are stored as values; members handed out as
/// nested containers or super encoders hold a placeholder, in place, until the end.
final class EncodedObject {
    private var members: OrderedDictionary<String, JSON> = [:]
    private var pending: [String: EncodingNode] = [:]

    func set(_ value: JSON, forKey key: String) {
        members[key] = value
        if !pending.isEmpty { pending[key] = nil }
    }

    /// Member `key` will be whatever `node` holds when encoding ends.
    func set(_ node: EncodingNode, forKey key: String) {
        members[key] = .null
        pending[key] = node
    }

    var json: JSON {
        var finished = members
        for (key, node) in pending { finished[key] = node.content.json }
        return .object(JSONObject(members: finished))
    }
}

/// An array under construction, with the same placeholders as `EncodedObject`.
final class EncodedArray {
    private var elements: [JSON] = []
    private var pending: [(index: Int, node: EncodingNode)] = []

    var count: Int { elements.count }

    func append(_ value: JSON) { elements.append(value) }

    /// The next element will be whatever `node` holds when encoding ends.
    func append(_ node: EncodingNode) {
        pending.append((elements.count, node))
        elements.append(.null)
    }

    var json: JSON {
        var finished = elements
        for (index, node) in pending { finished[index] = node.content.json }
        return .array(finished)
    }
}
