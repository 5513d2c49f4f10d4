import AutoMLJSON
import AutoMLRPC

/// `session/list`: sessions in memory and stored in the data directory.
public struct SessionList: ServerMethod {
    public static let name = "session/list"

    public static func handle(_ params: NoParams, context: ServerContext, request: RequestContext) async throws -> JSON {
        .object(["sessions": .array(await context.engine.list())])
    }
}
