import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies

/// What `session/create` asks for, validated: the space parsed, objectives checked.
public struct CreateRequest: Sendable {
    public var strategyName: String
    public var strategyOptions: JSON?
    public var space: SearchSpace
    public var objectives: [Objective]
    public var seed: UInt64?
    public var name: String?
    public var sessionId: String?
    /// `{name, options?}` of a pruner from `PrunerRegistry`, for `trial/report`.
    public var pruner: JSON?

    public init(
        strategy: String, options: JSON? = nil, space: SearchSpace, objectives: [Objective] = Objective.defaultList,
        seed: UInt64? = nil, name: String? = nil, sessionId: String? = nil, pruner: JSON? = nil
    ) {
        self.strategyName = strategy
        self.strategyOptions = options
        self.space = space
        self.objectives = objectives
        self.seed = seed
        self.name = name
        self.sessionId = sessionId
        self.pruner = pruner
    }
}
