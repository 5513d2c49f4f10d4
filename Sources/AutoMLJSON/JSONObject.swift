import OrderedCollections

/// A JSON object: string keys in the order they were written, each once.
///
/// Equality ignores key order (two objects with the same members are equal), while printing
/// keeps it, so configs print in the order of their search space.
public struct JSONObject: Sendable, Hashable, Sequence {
    public typealias Element = (key: String, value: JSON)

    fileprivate var storage: OrderedDictionary<String, JSON>

    public init() { storage = [:] }

    /// Builds an object from pairs; a later duplicate key replaces the earlier value in place.
    public init(_ pairs: some Sequence<(String, JSON)>) {
        storage = [:]
        for (key, value) in pairs { storage[key] = value }
    }

    public subscript(key: String) -> JSON? {
        get { storage[key] }
        set { storage[key] = newValue }
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    public var keys: [String] { Array(storage.keys) }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSON? { storage.removeValue(forKey: key) }

    public func makeIterator() -> AnyIterator<Element> {
        var base = storage.makeIterator()
        return AnyIterator { base.next().map { (key: $0.key, value: $0.value) } }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.storage.count == rhs.storage.count else { return false }
        for (key, value) in lhs.storage where rhs.storage[key] != value { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine per-member hashes commutatively.
        var combined = 0
        for (key, value) in storage {
            var member = Hasher()
            member.combine(key)
            member.combine(value)
            combined = combined &+ member.finalize()
        }
        hasher.combine(storage.count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self.init(elements)
    }
}

// MARK: - Module internals

extension JSONObject {
    /// Wraps storage built elsewhere in the module (the encoder, the parser) without rehashing.
    init(members: OrderedDictionary<String, JSON>) {
        self.init()
        storage = members
    }

    /// The members in order, for loops that must not pay for `AnyIterator` (the printer).
    var members: OrderedDictionary<String, JSON> { storage }
}
