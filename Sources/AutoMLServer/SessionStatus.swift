import AutoMLJSON
import AutoMLRPC

/// `session/status`: counts per trial state, the strategy and its summary.
public struct SessionStatus: ServerMethod {
    public static let name = "session/status"

    public static func handle(_ params: SessionRef, context: ServerContext, request: RequestContext) async throws -> JSON {
        try await context.session(params.sessionId).status()
    }
}
