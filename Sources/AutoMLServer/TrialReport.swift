import AutoMLJSON
import AutoMLRPC

/// `trial/report`: an intermediate value of a running trial; answers whether to prune it.
public struct TrialReport: ServerMethod {
    public static let name = "trial/report"

    public struct Params: Decodable, Sendable, SessionKeyedParams {
        public var sessionId: String
        public var trialId: Int
        public var step: Double
        public var value: JSON
    }

    public static func handle(_ params: Params, context: ServerContext, request: RequestContext) async throws -> JSON {
        let value = try SessionTell.finite(params.value, path: "params.value")
        let decision = try await context.session(params.sessionId).report(trialId: params.trialId, step: params.step, value: value)
        return .object(["prune": .bool(decision == .prune)])
    }
}
