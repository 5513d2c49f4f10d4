import AutoMLJSON

/// How the space compares and names JSON values.
///
/// Numbers compare by numeric value, so the integer `2` and the real `2.0` are the same choice
/// or the same condition value; every other value compares structurally.
enum JSONValueMatching {
    /// Whether `a` and `b` denote the same value (numbers by numeric value).
    static func matches(_ a: JSON, _ b: JSON) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.int(let i), .double(let d)), (.double(let d), .int(let i)):
            // An integer that no Double represents exactly equals no Double.
            guard let exact = Double(exactly: i) else { return false }
            return exact == d
        default: return a == b
        }
    }

    /// A key equal for exactly the values `matches` identifies, for sets and dictionaries.
    static func key(_ value: JSON) -> JSON {
        if case .int(let i) = value, let exact = Double(exactly: i) { return .double(exact) }
        if case .double(let d) = value, d == 0 { return .double(0) }  // -0.0 matches 0.0
        return value
    }

    /// The index of the first element of `list` matching `value`.
    static func firstIndex(of value: JSON, in list: [JSON]) -> Int? {
        list.firstIndex { matches($0, value) }
    }

    /// A short rendering for error messages: `"adam"`, `3`, `0.5`, `true`, `null`, or the type
    /// of a container.
    static func describe(_ value: JSON) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return describe(d)
        case .string(let s): return "\"" + s.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
        case .array, .object: return value.typeDescription
        }
    }

    /// A real as error messages print it (`0.001`, `10.0`, `1e-05`).
    static func describe(_ value: Double) -> String {
        String(value)
    }

    /// `[a, b, c]`, listing at most `limit` values.
    static func describe(_ values: [JSON], limit: Int = 10) -> String {
        let shown = values.prefix(limit).map { describe($0) }
        let more = values.count > limit ? ", ... (\(values.count) in all)" : ""
        return "[" + shown.joined(separator: ", ") + more + "]"
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation needed).
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
