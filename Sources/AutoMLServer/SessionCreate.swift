import AutoMLEngine
import AutoMLJSON
import AutoMLRPC
import AutoMLSpace
import AutoMLStrategies

/// `session/create`: a new ask/tell session.
public struct SessionCreate: ServerMethod {
    public static let name = "session/create"

    public struct Params: Decodable, Sendable {
        public var strategy: StrategyRef
        public var space: JSON
        public var objectives: [Objective]?
        public var seed: Int64?
        public var name: String?
        public var sessionId: String?
        /// An early-stopping rule: `"median"` or `{name, options}` (see `pruner/list`).
        public var pruner: StrategyRef?
    }

    /// A create that names its session id is ordered with the requests on that session, so a
    /// client may pipeline create, ask, tell.
    public static func orderingKey(_ params: Params) -> String? {
        params.sessionId.map { "session:" + $0 }
    }

    public static func handle(_ params: Params, context: ServerContext, request: RequestContext) async throws -> JSON {
        let space = try SearchSpace(json: params.space, path: "params.space")
        let objectives = try validateObjectives(params.objectives)
        if let seed = params.seed, seed < 0 {
            throw JSONFieldError(path: "params.seed", reason: "a seed is a non-negative integer")
        }
        let session = try await context.engine.create(
            CreateRequest(
                strategy: params.strategy.name, options: params.strategy.options, space: space, objectives: objectives,
                seed: params.seed.map { UInt64($0) }, name: params.name, sessionId: params.sessionId,
                pruner: params.pruner.map(\.json)))
        return .object(["sessionId": .string(session.id), "seed": .int(Int64(session.spec.seed))])
    }

    static func validateObjectives(_ objectives: [Objective]?) throws -> [Objective] {
        guard let objectives else { return Objective.defaultList }
        guard !objectives.isEmpty else {
            throw JSONFieldError(path: "params.objectives", reason: "give at least one objective, or omit it for one minimized value")
        }
        var seen = Set<String>()
        for (index, objective) in objectives.enumerated() where !seen.insert(objective.name).inserted {
            throw JSONFieldError(path: "params.objectives[\(index)].name", reason: "duplicate objective name \"\(objective.name)\"")
        }
        return objectives
    }
}

/// A strategy (or pruner) as `session/create` names it: `"random"` or
/// `{"name": "random", "options": {...}}`.
public struct StrategyRef: Decodable, Sendable {
    public var name: String
    public var options: JSON?

    enum CodingKeys: String, CodingKey { case name, options }

    /// The `{name, options?}` form.
    public var json: JSON {
        var object: JSONObject = ["name": .string(name)]
        if let options { object["options"] = options }
        return .object(object)
    }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            self.name = name
            self.options = nil
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        options = try container.decodeIfPresent(JSON.self, forKey: .options)
    }
}
