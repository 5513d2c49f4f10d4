/// Encodes `Encodable` values as `JSON` values.
///
/// Object members come out in the order they were encoded (declaration order for synthesized
/// conformances), so a result prints in a predictable order. Optional properties that are nil
/// are left out (`encodeIfPresent`); an explicit `encodeNil` writes null. Integers become
/// `.int`, `Double` and `Float` become `.double`, and `JSON` and `JSONObject` values are taken
/// as they are.
///
/// ```swift
/// struct Trial: Encodable { var trialId: Int; var config: JSONObject; var budget: Double? }
/// try JSONValueEncoder().encode(Trial(trialId: 3, config: ["x": 0.5], budget: nil))
/// // {"trialId":3,"config":{"x":0.5}}
/// ```
public struct JSONValueEncoder: Sendable {
    /// Handed to `encode(to:)` implementations as `encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    public init() {}

    /// The JSON value of `value`.
    ///
    /// - Throws: `EncodingError.invalidValue` for NaN and infinities (JSON cannot spell them),
    ///   for unsigned integers above `Int64.max`, and when `value` encodes nothing at all; any
    ///   error thrown by an `encode(to:)` implementation.
    public func encode<T: Encodable>(_ value: T) throws -> JSON {
        let root = EncodingNode(userInfo: userInfo.mapValues { $0 as Any })
        guard let json = try root.encode(value) else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [], debugDescription: "\(T.self) did not encode any value"))
        }
        return json
    }
}
