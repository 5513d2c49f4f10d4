import AutoMLJSON
import AutoMLRPC
import AutoMLStrategies

/// `session/trials`: the session's trials, optionally of one state, a page at a time.
public struct SessionTrials: ServerMethod {
    public static let name = "session/trials"
    public static let maxLimit = 10_000

    public struct Params: Decodable, Sendable, SessionKeyedParams {
        public var sessionId: String
        public var state: String?
        public var offset: Int?
        public var limit: Int?
    }

    public static func handle(_ params: Params, context: ServerContext, request: RequestContext) async throws -> JSON {
        var filter: TrialState?
        if let raw = params.state {
            guard let state = TrialState(rawValue: raw) else {
                let known = TrialState.allCases.map(\.rawValue).joined(separator: ", ")
                throw JSONFieldError(path: "params.state", reason: "expected one of \(known), found \"\(raw)\"")
            }
            filter = state
        }
        let offset = params.offset ?? 0
        guard offset >= 0 else { throw JSONFieldError(path: "params.offset", reason: "expected a non-negative integer") }
        let limit = params.limit ?? 1000
        guard (1...maxLimit).contains(limit) else {
            throw JSONFieldError(path: "params.limit", reason: "expected an integer from 1 to \(maxLimit)")
        }
        let all = try await context.session(params.sessionId).trials
        let selected = filter.map { state in all.filter { $0.state == state } } ?? all
        let page = selected.dropFirst(offset).prefix(limit)
        return .object(["trials": .array(page.map(\.json)), "total": .int(Int64(selected.count))])
    }
}
