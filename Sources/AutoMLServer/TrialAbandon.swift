import AutoMLJSON
import AutoMLRPC

/// `trial/abandon`: gives a pending trial's slot back to the strategy (the worker gave up).
public struct TrialAbandon: ServerMethod {
    public static let name = "trial/abandon"

    public struct Params: Decodable, Sendable, SessionKeyedParams {
        public var sessionId: String
        public var trialId: Int
    }

    public static func handle(_ params: Params, context: ServerContext, request: RequestContext) async throws -> JSON {
        let trial = try await context.session(params.sessionId).abandon(trialId: params.trialId)
        return .object(["trial": trial.json])
    }
}
