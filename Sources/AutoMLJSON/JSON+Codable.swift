/// `JSON` nests in `Codable` types as a free-form field (`options: JSON`, `config: JSONObject`).
///
/// With `JSONValueDecoder` and `JSONValueEncoder` the value passes through untouched. Other
/// coders (Foundation's `JSONDecoder`, say) go through the generic containers, where a number
/// is read as an integer when it can be and key order is whatever that coder reports.
extension JSON: Codable {
    public init(from decoder: any Decoder) throws {
        if let node = decoder as? DecodingNode {
            self = node.value
            return
        }
        if let single = try? decoder.singleValueContainer() {
            if single.decodeNil() {
                self = .null
                return
            }
            if let flag = try? single.decode(Bool.self) {
                self = .bool(flag)
                return
            }
            if let integer = try? single.decode(Int64.self) {
                self = .int(integer)
                return
            }
            if let real = try? single.decode(Double.self) {
                self = .double(real)
                return
            }
            if let text = try? single.decode(String.self) {
                self = .string(text)
                return
            }
        }
        if let keyed = try? decoder.container(keyedBy: JSONMemberKey.self) {
            self = .object(try JSONObject(keyed))
            return
        }
        var unkeyed = try decoder.unkeyedContainer()
        var elements: [JSON] = []
        while !unkeyed.isAtEnd { elements.append(try unkeyed.decode(JSON.self)) }
        self = .array(elements)
    }

    public func encode(to encoder: any Encoder) throws {
        if let node = encoder as? EncodingNode {
            node.store(self)
            return
        }
        switch self {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case .bool(let flag):
            var single = encoder.singleValueContainer()
            try single.encode(flag)
        case .int(let integer):
            var single = encoder.singleValueContainer()
            try single.encode(integer)
        case .double(let real):
            var single = encoder.singleValueContainer()
            try single.encode(real)
        case .string(let text):
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case .array(let elements):
            var unkeyed = encoder.unkeyedContainer()
            for element in elements { try unkeyed.encode(element) }
        case .object(let object):
            try object.encode(to: encoder)
        }
    }
}

extension JSONObject: Codable {
    public init(from decoder: any Decoder) throws {
        if let node = decoder as? DecodingNode {
            guard case .object(let object) = node.value else {
                throw node.failure(JSONMismatch.expected("an object", found: node.value).reason)
            }
            self = object
            return
        }
        try self.init(decoder.container(keyedBy: JSONMemberKey.self))
    }

    /// The members of a keyed container, in the order it lists its keys.
    fileprivate init(_ container: KeyedDecodingContainer<JSONMemberKey>) throws {
        self.init()
        for key in container.allKeys { self[key.stringValue] = try container.decode(JSON.self, forKey: key) }
    }

    public func encode(to encoder: any Encoder) throws {
        if let node = encoder as? EncodingNode {
            node.store(.object(self))
            return
        }
        var keyed = encoder.container(keyedBy: JSONMemberKey.self)
        for (key, value) in self { try keyed.encode(value, forKey: JSONMemberKey(stringValue: key)) }
    }
}
