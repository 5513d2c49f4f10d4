import AutoMLJSON
import AutoMLRPC
import AutoMLStrategies

/// `pruner/list`: every early-stopping rule `session/create {pruner}` accepts, with its options.
public struct PrunerList: ServerMethod {
    public static let name = "pruner/list"

    public static func handle(_ params: NoParams, context: ServerContext, request: RequestContext) async throws -> JSON {
        .array(PrunerRegistry.all.map(PrunerRegistry.describe))
    }
}
