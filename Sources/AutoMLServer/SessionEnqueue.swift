import AutoMLJSON
import AutoMLRPC

/// `session/enqueue`: a fixed config to evaluate; enqueued configs are handed out first, in order.
public struct SessionEnqueue: ServerMethod {
    public static let name = "session/enqueue"

    public struct Params: Decodable, Sendable, SessionKeyedParams {
        public var sessionId: String
        public var config: JSON
    }

    public static func handle(_ params: Params, context: ServerContext, request: RequestContext) async throws -> JSON {
        let session = try await context.session(params.sessionId)
        let config = try session.spec.space.validate(params.config, path: "params.config")
        let trial = try await session.enqueue(config: config)
        return .object(["trialId": .int(Int64(trial.id))])
    }
}
