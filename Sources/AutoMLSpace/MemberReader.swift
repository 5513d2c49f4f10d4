import AutoMLJSON

/// Reads the members of one JSON object, each defect reported at the member's path.
///
/// A member that is absent or `null` reads as nil: optional members may be sent either way.
struct MemberReader {
    let object: JSONObject
    let path: String

    /// - Throws: when `json` is not an object (`expected` names what it should be).
    init(_ json: JSON, path: String, expected: String) throws(JSONFieldError) {
        guard case .object(let object) = json else {
            throw JSONFieldError(path: path, reason: "expected \(expected), got \(json.typeDescription)")
        }
        self.object = object
        self.path = path
    }

    /// The member's value; nil when absent or null.
    func value(_ key: String) -> JSON? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    /// Rejects any member outside `allowed`, naming the first one.
    func rejectUnknown(allowed: [String], owner: String) throws(JSONFieldError) {
        for key in object.keys where !allowed.contains(key) {
            throw JSONFieldError(
                path: JSONPath.member(path, key),
                reason: "unknown member for \(owner); expected one of \(allowed.joined(separator: ", "))")
        }
    }

    func string(_ key: String) throws(JSONFieldError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let s) = value else { throw mismatch(key, "a string", value) }
        return s
    }

    func bool(_ key: String) throws(JSONFieldError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let b) = value else { throw mismatch(key, "a boolean", value) }
        return b
    }

    func number(_ key: String) throws(JSONFieldError) -> Double? {
        guard let value = value(key) else { return nil }
        guard let d = value.doubleValue else { throw mismatch(key, "a number", value) }
        return d
    }

    /// An integer: an integer literal, or a real with an integral value within ±2^53 (`3.0`).
    func integer(_ key: String) throws(JSONFieldError) -> Int64? {
        guard let value = value(key) else { return nil }
        if let i = value.intValue { return i }
        if let d = value.doubleValue {
            let reason = d.rounded() == d
                ? "expected an integer within ±2^53, got \(JSONValueMatching.describe(d))"
                : "expected an integer, got \(JSONValueMatching.describe(d))"
            throw JSONFieldError(path: JSONPath.member(path, key), reason: reason)
        }
        throw mismatch(key, "an integer", value)
    }

    func requiredNumber(_ key: String) throws(JSONFieldError) -> Double {
        guard let d = try number(key) else { throw missing(key, "a number") }
        return d
    }

    func requiredInteger(_ key: String) throws(JSONFieldError) -> Int64 {
        guard let i = try integer(key) else { throw missing(key, "an integer") }
        return i
    }

    func requiredArray(_ key: String) throws(JSONFieldError) -> [JSON] {
        guard let value = value(key) else { throw missing(key, "an array") }
        guard case .array(let array) = value else { throw mismatch(key, "an array", value) }
        return array
    }

    private func missing(_ key: String, _ expected: String) -> JSONFieldError {
        JSONFieldError(path: JSONPath.member(path, key), reason: "missing; expected \(expected)")
    }

    private func mismatch(_ key: String, _ expected: String, _ value: JSON) -> JSONFieldError {
        JSONFieldError(path: JSONPath.member(path, key), reason: "expected \(expected), got \(value.typeDescription)")
    }
}
