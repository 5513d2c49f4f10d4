import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies

/// NASNet's search (Zoph et al. 2018): the LSTM controller over the NASNet cell space, trained
/// with Proximal Policy Optimization instead of REINFORCE.
///
/// Every `batchSize` rewarded trials, the controller records the batch's log-probabilities
/// under its current parameters (`old`) and the advantages `A_j = R_j − b` (b the moving-average
/// baseline), then takes `epochs` Adam steps on the clipped surrogate
/// `(1/m) Σ_j min(r_j A_j, clip(r_j, 1−ε, 1+ε) A_j)`, `r_j = p(a_j) / p_old(a_j)`: several
/// steps per batch of costly rewards, none of which moves the policy far from the one that
/// collected them.
///
/// ```json
/// {"strategy": {"name": "nas-ppo", "options": {"space": {"kind": "nasnet"}, "clipEpsilon": 0.2, "epochs": 4}}}
/// ```
///
/// Rewards, session params, pending trials and failures are as in `nas-reinforce`
/// (`ControllerSearch`).
///
/// References: Zoph, Vasudevan, Shlens & Le, "Learning Transferable Architectures for Scalable
/// Image Recognition", CVPR 2018; Schulman, Wolski, Dhariwal, Radford & Klimov, "Proximal Policy
/// Optimization Algorithms", 2017.
public struct NASPPO: Strategy {
    public typealias Options = ControllerOptions

    public static let name = "nas-ppo"
    public static let family = "nas"
    public static let summary = "An LSTM controller over the NASNet cell space, trained with PPO's clipped surrogate (Zoph et al. 2018)."
    public static let capabilities = StrategyCapabilities(multiObjective: false)
    public static let optionsSchema: JSON = {
        var properties = ControllerSettings.schemaProperties(ppo: true, defaultSpace: "nasnet")
        properties["reward"] = ControllerReward.schema
        return ["type": "object", "properties": .object(properties), "additionalProperties": false]
    }()

    var rewarded: ObjectiveRewardedSearch

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        rewarded = try ObjectiveRewardedSearch(options: options, objectives: objectives, ppo: true, strategy: Self.name)
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        rewarded.ask(count, context: &context)
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        rewarded.tell(trial, context: &context)
    }

    public func status(context: StrategyContext) -> JSON { rewarded.search.status }
}
