import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies

/// MnasNet's platform-aware search (Tan et al. 2019): the LSTM controller over the MnasNet
/// block space, trained with PPO (as `nas-ppo`) on the reward
/// `ACC(m) × (LAT(m) / T)^w`, `w = α` when `LAT(m) ≤ T`, else `β` (`MnasNetReward`).
///
/// The session names two objectives, in this order: an accuracy to maximize (the trainer's
/// `validationAccuracy`, or an external evaluator's), then a latency in milliseconds to minimize
/// (`latencyMs`: the embedded trainer measures it on this host; an external evaluator measures
/// its own, on its target device):
///
/// ```json
/// {"strategy": {"name": "mnasnet", "options": {"targetLatencyMs": 0.5}},
///  "objectives": [{"name": "validationAccuracy", "goal": "maximize"}, {"name": "latencyMs", "goal": "minimize"}]}
/// ```
///
/// `targetLatencyMs` is required (the target depends on the device); α and β default to the
/// paper's soft constraint, −0.07. Trials whose latency is not a positive number have no reward.
/// `session/best` returns the Pareto set of the two objectives.
///
/// References: Tan, Chen, Pang, Vasudevan, Sandler, Howard & Le, "MnasNet: Platform-Aware
/// Neural Architecture Search for Mobile", CVPR 2019.
public struct MnasNetSearch: Strategy {
    public typealias Options = ControllerOptions

    public static let name = "mnasnet"
    public static let family = "nas"
    public static let summary = "MnasNet: a PPO-trained LSTM controller over the MnasNet space, rewarded by accuracy × (latency / target)^w (Tan et al. 2019)."
    public static let capabilities = StrategyCapabilities(multiObjective: true)
    public static let optionsSchema: JSON = {
        var properties = ControllerSettings.schemaProperties(ppo: true, defaultSpace: "mnasnet")
        properties["targetLatencyMs"] = ["type": "number", "exclusiveMinimum": 0, "description": "T, the target latency in milliseconds (required)."]
        properties["alpha"] = ["type": "number", "minimum": -10, "maximum": 0, "default": -0.07,
                               "description": "Latency exponent w when the latency is at most T (0: no gain from being faster than T)."]
        properties["beta"] = ["type": "number", "minimum": -10, "maximum": 0, "default": -0.07,
                              "description": "Latency exponent w when the latency exceeds T (-1: a hard constraint)."]
        return ["type": "object", "properties": .object(properties), "required": ["targetLatencyMs"], "additionalProperties": false]
    }()

    var search: ControllerSearch
    let rewardRule: MnasNetReward

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        let path = "params.strategy.options"
        try options.refuse(["reward"], strategy: Self.name, path: path)
        let goals = objectives.map { "\($0.name) (\($0.goal.rawValue))" }.joined(separator: ", ")
        guard objectives.count == 2, objectives[0].goal == .maximize, objectives[1].goal == .minimize else {
            throw StrategyError.cannotServe(
                strategy: Self.name,
                reason: "it needs two objectives, in this order: an accuracy to maximize (e.g. validationAccuracy), then a latency in milliseconds to minimize (e.g. latencyMs); the session has \(goals)")
        }
        guard let target = options.targetLatencyMs else {
            throw JSONFieldError(path: JSONPath.member(path, "targetLatencyMs"), reason: "required: the target latency T in milliseconds, a number > 0")
        }
        let t = try ControllerSettings.check(target, default: 1, path, "targetLatencyMs", "a number > 0") { $0 > 0 }
        let alpha = try ControllerSettings.check(options.alpha, default: MnasNetReward.paperExponent, path, "alpha", "a number in [-10, 0]") { $0 >= -10 && $0 <= 0 }
        let beta = try ControllerSettings.check(options.beta, default: MnasNetReward.paperExponent, path, "beta", "a number in [-10, 0]") { $0 >= -10 && $0 <= 0 }
        rewardRule = MnasNetReward(targetLatencyMs: t, alpha: alpha, beta: beta)
        let settings = try ControllerSettings(options: options, ppo: true, path: path)
        let architectures = try ControllerSearch.space(options.space, defaultKind: "mnasnet", strategy: Self.name, path: path)
        search = ControllerSearch(architectureSpace: architectures, settings: settings)
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        search.ask(count, context: &context)
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        var reward: Double?
        if let values = trial.values, values.count == 2 {
            reward = rewardRule.reward(accuracy: values[0], latencyMs: values[1])
        }
        search.tell(trial, reward: reward, context: &context)
    }

    public func status(context: StrategyContext) -> JSON {
        guard case .object(var object) = search.status else { return search.status }
        object["targetLatencyMs"] = .double(rewardRule.targetLatencyMs)
        return .object(object)
    }
}
