import AutoMLEngine
import AutoMLJSON
import AutoMLRPC
import AutoMLStrategies

/// `strategy/list`: every strategy the engine serves, with its options schema.
public struct StrategyList: ServerMethod {
    public static let name = "strategy/list"

    public static func handle(_ params: NoParams, context: ServerContext, request: RequestContext) async throws -> JSON {
        .array(StrategyRegistry.all.map(StrategyRegistry.describe))
    }
}
