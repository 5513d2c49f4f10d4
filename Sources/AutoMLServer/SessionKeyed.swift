import AutoMLRPC

/// Params that name a session. Requests on one session run one at a time, in arrival order.
public protocol SessionKeyedParams {
    var sessionId: String { get }
}

extension ServerMethod where Params: SessionKeyedParams {
    public static func orderingKey(_ params: Params) -> String? { "session:" + params.sessionId }
}

/// Params that are just `{sessionId}`.
public struct SessionRef: Decodable, Sendable, SessionKeyedParams {
    public var sessionId: String
}
