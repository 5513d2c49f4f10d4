import AutoMLEngine
import AutoMLJSON
import AutoMLRPC

/// `session/ask`: up to `count` new trials to evaluate.
public struct SessionAsk: ServerMethod {
    public static let name = "session/ask"
    /// The most trials one ask hands out.
    public static let maxCount = 10_000

    public struct Params: Decodable, Sendable, SessionKeyedParams {
        public var sessionId: String
        public var count: Int?
        public var clientId: String?
    }

    public static func handle(_ params: Params, context: ServerContext, request: RequestContext) async throws -> JSON {
        let count = params.count ?? 1
        guard (1...maxCount).contains(count) else {
            throw JSONFieldError(path: "params.count", reason: "expected an integer from 1 to \(maxCount), found \(count)")
        }
        let reply = try await context.session(params.sessionId).ask(count: count, clientId: params.clientId)
        var object: JSONObject = ["trials": .array(reply.trials.map(\.json))]
        if reply.waiting { object["waiting"] = true }
        if reply.exhausted { object["exhausted"] = true }
        return .object(object)
    }
}
