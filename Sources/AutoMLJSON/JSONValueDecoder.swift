/// Decodes `Decodable` types from `JSON` values, reporting failures by JSON path.
///
/// Every failure is a `JSONFieldError` naming the offending field the way a client wrote it:
///
/// ```swift
/// struct Params: Decodable { var space: Space }
/// let params = try JSON.parse(#"{"space": {"params": [{}, {}, {"low": "x"}]}}"#)
/// try JSONValueDecoder().decode(Params.self, from: params, path: "params")
/// // throws params.space.params[2].low: expected a number, found a string
/// ```
///
/// Rules:
/// - A missing member is `required field is missing` at the member's path; unknown members
///   are ignored unless `rejectUnknownMembers` is set. Optional properties are nil when their member is absent or null.
/// - Integer types take `.int` values within their range (else `integer out of range`) and
///   integral `.double` values (`2.0`); a fractional number is refused (`expected an integer,
///   ...`). `Double` and `Float` take both kinds of number. Strings, booleans and numbers
///   never convert into one another.
/// - `JSON` and `JSONObject` properties receive the value unchanged, integers still integers.
/// - A `DecodingError` thrown by a type's own `init(from:)` (for example
///   `DecodingError.dataCorruptedError(forKey:in:debugDescription:)`) becomes a field error at
///   the path of its coding path, its debug description as the reason; any other error thrown
///   there becomes a field error at the path of the value being decoded.
public struct JSONValueDecoder: Sendable {
    /// Handed to `init(from:)` implementations as `decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Members of objects that the decoded types never ask for are errors (`unknown field`), so
    /// a misspelt option is reported instead of silently ignored. Objects decoded whole (as
    /// `JSON`) are not inspected. Off by default.
    public var rejectUnknownMembers = false

    /// Members allowed at the root although no type asks for them (LSP's `workDoneToken`).
    public var allowedRootMembers: Set<String> = []

    public init() {}

    /// Decodes a `T` from `value`.
    ///
    /// - Parameters:
    ///   - type: the type to decode.
    ///   - value: the JSON value, usually parsed from a client message.
    ///   - path: where `value` sits in the message (`params`); error paths start with it.
    /// - Throws: `JSONFieldError` naming the first field that does not fit.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSON, path: String = "") throws(JSONFieldError) -> T {
        let tracker = rejectUnknownMembers ? UnknownMemberTracker(allowedAtRoot: allowedRootMembers, rootPath: path) : nil
        let context = DecodingContext(basePath: path, userInfo: userInfo.mapValues { $0 as Any }, tracker: tracker)
        let decoded = try DecodingNode(value: value, context: context).decodeValue(type)
        if let unknown = tracker?.firstUnknown() { throw unknown }
        return decoded
    }
}
