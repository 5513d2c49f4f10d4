import AutoMLJSON
import AutoMLRPC

/// `session/close`: ends a session; its journal stays and `session/open` reopens it.
public struct SessionClose: ServerMethod {
    public static let name = "session/close"

    public static func handle(_ params: SessionRef, context: ServerContext, request: RequestContext) async throws -> EmptyResult {
        try await context.engine.close(params.sessionId)
        return EmptyResult()
    }
}
