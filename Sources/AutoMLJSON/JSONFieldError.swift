/// A defect in a JSON document, located by its path.
///
/// The path reads like the wire: `params.space.params[2].low`. The server turns this error into
/// JSON-RPC's -32602 with `data: {path, reason}`; its description is `path: reason`.
public struct JSONFieldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the defect is, e.g. `params.space.params[2].low`.
    public var path: String
    /// What is wrong there, e.g. `expected a number`.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// Builds JSON paths the way error messages print them.
public enum JSONPath {
    /// `base.key`, or `key` when base is empty.
    public static func member(_ base: String, _ key: String) -> String {
        base.isEmpty ? key : "\(base).\(key)"
    }

    /// `base[index]`.
    public static func element(_ base: String, _ index: Int) -> String {
        "\(base)[\(index)]"
    }
}
