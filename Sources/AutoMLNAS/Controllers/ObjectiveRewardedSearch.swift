import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies

/// What `nas-reinforce` and `nas-ppo` share: a controller search rewarded by the session's first
/// objective (`ControllerReward`); the two differ only in the update rule.
struct ObjectiveRewardedSearch: Sendable {
    var search: ControllerSearch
    let reward: ControllerReward
    let objective: Objective

    /// Reads `options` for `strategy`, refusing the members only `mnasnet` (and, without PPO,
    /// only the PPO strategies) take.
    init(options: ControllerOptions, objectives: [Objective], ppo: Bool, strategy: String) throws {
        let path = "params.strategy.options"
        let foreign: Set<String> = ppo ? ["targetLatencyMs", "alpha", "beta"] : ["epochs", "clipEpsilon", "targetLatencyMs", "alpha", "beta"]
        try options.refuse(foreign, strategy: strategy, path: path)
        let settings = try ControllerSettings(options: options, ppo: ppo, path: path)
        reward = try ControllerReward(option: options.reward, path: path)
        objective = objectives.first ?? Objective.defaultList[0]
        let architectures = try ControllerSearch.space(options.space, defaultKind: nil, strategy: strategy, path: path)
        search = ControllerSearch(architectureSpace: architectures, settings: settings)
    }

    mutating func ask(_ count: Int, context: inout StrategyContext) -> AskOutcome {
        search.ask(count, context: &context)
    }

    mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        search.tell(trial, reward: reward.reward(trial, objective: objective), context: &context)
    }
}
