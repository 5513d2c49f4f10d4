import AutoMLJSON
import AutoMLRPC

/// `session/open`: loads a stored session by replaying its journal (and reopens it if closed).
public struct SessionOpen: ServerMethod {
    public static let name = "session/open"

    public static func handle(_ params: SessionRef, context: ServerContext, request: RequestContext) async throws -> JSON {
        try await context.engine.open(params.sessionId).status()
    }
}
