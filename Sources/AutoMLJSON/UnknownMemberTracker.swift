/// Remembers, for each object a decoding read through a keyed container, which members the
/// decoded type asked for, so members nobody asked for can be reported as unknown.
///
/// A synthesized `Decodable` asks for every property it has (optional ones too, with
/// `decodeIfPresent`), so "asked for" is exactly "known". A type that lists `allKeys` (a
/// dictionary) knows every member.
final class UnknownMemberTracker {
    struct Entry {
        let path: String
        let members: [String]
        var asked: Set<String> = []
        var askedForAll = false
    }

    /// Extra members allowed at the root (LSP's `workDoneToken`, for instance).
    let allowedAtRoot: Set<String>
    let rootPath: String
    private(set) var entries: [String: Entry] = [:]
    private var order: [String] = []

    init(allowedAtRoot: Set<String>, rootPath: String) {
        self.allowedAtRoot = allowedAtRoot
        self.rootPath = rootPath
    }

    func register(path: String, object: JSONObject) {
        guard entries[path] == nil else { return }
        entries[path] = Entry(path: path, members: object.keys)
        order.append(path)
    }

    func asked(_ key: String, at path: String) {
        entries[path]?.asked.insert(key)
    }

    func askedForAll(at path: String) {
        entries[path]?.askedForAll = true
    }

    /// The first member, in document order, that no decoding asked for.
    func firstUnknown() -> JSONFieldError? {
        for path in order {
            guard let entry = entries[path], !entry.askedForAll else { continue }
            let allowed = path == rootPath ? allowedAtRoot : []
            for member in entry.members where !entry.asked.contains(member) && !allowed.contains(member) {
                let known = entry.asked.sorted().joined(separator: ", ")
                return JSONFieldError(
                    path: JSONPath.member(path, member),
                    reason: known.isEmpty ? "unknown field" : "unknown field; known fields here: \(known)")
            }
        }
        return nil
    }
}
