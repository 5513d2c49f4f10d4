import AutoMLJSON
import AutoMLRPC

/// `session/best`: the best complete trial; with several objectives, the Pareto set.
///
/// Result: `{best: trial | null, trials: [trial]}`; `best` is the single best trial (null with
/// several objectives or before any result), `trials` the best trial or the Pareto set.
public struct SessionBest: ServerMethod {
    public static let name = "session/best"

    public static func handle(_ params: SessionRef, context: ServerContext, request: RequestContext) async throws -> JSON {
        let session = try await context.session(params.sessionId)
        let best = await session.best()
        let single = session.spec.objectives.count == 1 ? best.first?.json : nil
        return .object(["best": single ?? .null, "trials": .array(best.map(\.json))])
    }
}
