import AutoMLJSON

/// The architecture spaces clients can name, decoded from `{"kind": ..., ...options}`.
///
/// ```swift
/// let space = try ArchitectureSpaces.make(["kind": "nasnet", "blocks": 3], path: "params.strategy.options.space")
/// let decisions = space.sample(using: &rng)
/// let model = space.model(decisions)          // a trainer ModelDescription
/// ```
public enum ArchitectureSpaces {
    /// One literal list: kind → decoder (the JSON and the path it sits at).
    public static let kinds: [(kind: String, make: @Sendable (JSON, String) throws(JSONFieldError) -> any ArchitectureSpace)] = [
        ("nasnet", { json, path throws(JSONFieldError) in try NASNetCellSpace(json: json, path: path) }),
        ("hierarchical", { json, path throws(JSONFieldError) in try HierarchicalSpace(json: json, path: path) }),
        ("mnasnet", { json, path throws(JSONFieldError) in try MnasNetSpace(json: json, path: path) }),
        ("quantized", { json, path throws(JSONFieldError) in try QuantizedSpace(json: json, path: path) }),
    ]

    /// The space `json` describes, or the default (a small 1-D NASNet cell space for MNIST-1D:
    /// input `[1, 40]`, 10 classes) when `json` is nil.
    /// - Throws: `JSONFieldError` at `<path>.kind` for a missing or unknown kind, at
    ///   `<path>.<field>` for a bad option.
    public static func make(_ json: JSON?, path: String) throws(JSONFieldError) -> any ArchitectureSpace {
        guard let json else { return NASNetCellSpace() }
        guard case .object(let object) = json else {
            throw JSONFieldError(path: path, reason: "expected an object {\"kind\": \(names), ...}")
        }
        guard let kind = object["kind"]?.stringValue else {
            throw JSONFieldError(path: JSONPath.member(path, "kind"), reason: "expected one of \(names)")
        }
        guard let entry = kinds.first(where: { $0.kind == kind }) else {
            throw JSONFieldError(path: JSONPath.member(path, "kind"), reason: "unknown space \"\(kind)\"; known: \(names)")
        }
        return try entry.make(json, path)
    }

    private static var names: String { kinds.map { "\"\($0.kind)\"" }.joined(separator: ", ") }
}
