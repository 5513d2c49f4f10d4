import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies

/// Neural architecture search with reinforcement learning (Zoph & Le 2017): an LSTM controller
/// emits an architecture's decisions one by one; each told trial's value is its reward, and
/// every `batchSize` rewards the controller takes one REINFORCE step,
/// `∇J ≈ (1/m) Σ_j (R_j − b)·∇log p(a_j)`, with `b` a moving average of past rewards.
///
/// ```json
/// {"strategy": {"name": "nas-reinforce", "options": {"space": {"kind": "nasnet", "blocks": 3}, "learningRate": 0.02}},
///  "objectives": [{"name": "validationAccuracy", "goal": "maximize"}]}
/// ```
///
/// The reward is the first objective's value negated when it is minimized (`reward:
/// "negativeLoss"`), or the value as told (`reward: "accuracy"`). Session `space` params are
/// drawn from their prior alongside each architecture. See `ControllerSearch` for pending
/// trials, failures and replay, and Documentation/NAS-Controllers.md for what differs from the
/// paper (one process, no distributed workers, a small controller, a larger learning rate).
///
/// References: Zoph & Le, "Neural Architecture Search with Reinforcement Learning", ICLR 2017;
/// Williams, "Simple statistical gradient-following algorithms for connectionist reinforcement
/// learning", Machine Learning 1992.
public struct NASReinforce: Strategy {
    public typealias Options = ControllerOptions

    public static let name = "nas-reinforce"
    public static let family = "nas"
    public static let summary = "An LSTM controller samples architectures and learns from their values with REINFORCE and a moving-average baseline (Zoph & Le 2017)."
    public static let capabilities = StrategyCapabilities(multiObjective: false)
    public static let optionsSchema: JSON = {
        var properties = ControllerSettings.schemaProperties(ppo: false, defaultSpace: "nasnet")
        properties["reward"] = ControllerReward.schema
        return ["type": "object", "properties": .object(properties), "additionalProperties": false]
    }()

    var rewarded: ObjectiveRewardedSearch

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        rewarded = try ObjectiveRewardedSearch(options: options, objectives: objectives, ppo: false, strategy: Self.name)
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        rewarded.ask(count, context: &context)
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        rewarded.tell(trial, context: &context)
    }

    public func status(context: StrategyContext) -> JSON { rewarded.search.status }
}
