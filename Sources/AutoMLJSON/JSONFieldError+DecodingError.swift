extension JSONFieldError {
    /// The field error a `DecodingError` describes, its coding path spelled under `base`.
    ///
    /// This is how a type's own `init(from:)` reports a bad value with the standard API, e.g.
    /// `throw DecodingError.dataCorruptedError(forKey: .high, in: container, debugDescription:
    /// "high must exceed low")` becomes `params.space.params[2].high: high must exceed low`.
    public init(_ error: DecodingError, under base: String) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(path: JSONPath.of(context.codingPath + [key], under: base), reason: "required field is missing")
        case .valueNotFound(let type, let context):
            self.init(path: JSONPath.of(context.codingPath, under: base), reason: Self.reason(context, otherwise: "expected \(type), found null"))
        case .typeMismatch(let type, let context):
            self.init(path: JSONPath.of(context.codingPath, under: base), reason: Self.reason(context, otherwise: "expected \(type)"))
        case .dataCorrupted(let context):
            self.init(path: JSONPath.of(context.codingPath, under: base), reason: Self.reason(context, otherwise: "invalid value"))
        @unknown default:
            self.init(path: base, reason: String(describing: error))
        }
    }

    private static func reason(_ context: DecodingError.Context, otherwise fallback: String) -> String {
        context.debugDescription.isEmpty ? fallback : context.debugDescription
    }
}
