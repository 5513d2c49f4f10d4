import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import AutoMLStrategies

/// The ask/tell machinery the controller strategies share (`nas-reinforce`, `nas-ppo`,
/// `mnasnet`): each strategy only says how a told trial becomes a reward.
///
/// - ask: each suggestion is a decision vector sampled from the controller, resampled up to
///   `ControllerSettings.maxResamples` times while it repeats a pending architecture or one
///   already in the same answer; the session's `space` params, when it has any, are drawn from
///   their prior (`SearchSpace.sample`), independently of the architecture: the controller
///   searches architectures only.
/// - tell: a complete trial whose `architecture.decisions` fit the space, with a finite reward,
///   joins the current batch; failed and pruned trials (and complete ones without a finite
///   reward) join with the worst reward seen so far when `failed: "worst"`, else are skipped,
///   as are warm-start trials without an architecture.
///   When the batch holds `batchSize` samples the controller takes its update and the batch
///   empties. All of this happens in `tell`, from told values only, so replaying a journal
///   rebuilds the same controller.
///
/// The controller's parameters are drawn from the session's generator at the first ask (or
/// tell), since a strategy's `init` has no generator.
public struct ControllerSearch: Sendable {
    public let architectureSpace: any ArchitectureSpace
    public let settings: ControllerSettings
    public private(set) var trainer: ControllerTrainer?
    /// Rewarded samples waiting for the next update.
    public private(set) var batch: [ControllerTrainer.Sample] = []
    public private(set) var rewardsSeen = 0
    public private(set) var bestReward: Double?
    public private(set) var worstReward: Double?

    public init(architectureSpace: any ArchitectureSpace, settings: ControllerSettings) {
        self.architectureSpace = architectureSpace
        self.settings = settings
    }

    /// `count` suggestions, each with `architecture` and the session params.
    public mutating func ask(_ count: Int, context: inout StrategyContext) -> AskOutcome {
        let controller = prepared(&context.rng).controller
        var taken = Set(context.pending.compactMap { Architecture.decisions(in: $0.architecture) })
        var suggestions: [Suggestion] = []
        for _ in 0..<max(count, 0) {
            var sample = controller.sample(using: &context.rng)
            var resamples = 0
            while taken.contains(sample.decisions) && resamples < ControllerSettings.maxResamples {
                sample = controller.sample(using: &context.rng)
                resamples += 1
            }
            taken.insert(sample.decisions)
            let config = context.space.sample(using: &context.rng)
            suggestions.append(Suggestion(config: config, architecture: architectureSpace.architecture(sample.decisions).json))
        }
        return AskOutcome(suggestions)
    }

    /// Takes a finished trial with the reward its strategy computed (nil when it has none).
    public mutating func tell(_ trial: TrialRecord, reward: Double?, context: inout StrategyContext) {
        guard let decisions = Architecture.decisions(in: trial.architecture), architectureSpace.isValid(decisions) else { return }
        let value: Double
        if trial.state == .complete, let reward, reward.isFinite {
            value = reward
            rewardsSeen += 1
            bestReward = max(bestReward ?? reward, reward)
            worstReward = min(worstReward ?? reward, reward)
        } else if trial.state == .complete || trial.state == .failed || trial.state == .pruned,
                  settings.failures == .worst, let worstReward {
            value = worstReward
        } else {
            return
        }
        var trainer = prepared(&context.rng)
        batch.append(ControllerTrainer.Sample(decisions: decisions, reward: value))
        if batch.count >= settings.batchSize {
            trainer.update(batch)
            batch.removeAll()
        }
        self.trainer = trainer
    }

    /// The search's state for `session/status`.
    public var status: JSON {
        var object: JSONObject = [
            "space": architectureSpace.json,
            "decisions": .int(Int64(architectureSpace.choices.count)),
            "updates": .int(Int64(trainer?.steps ?? 0)),
            "pendingBatch": .int(Int64(batch.count)),
            "rewards": .int(Int64(rewardsSeen)),
        ]
        if let parameters = trainer?.controller.parameterCount { object["controllerParameters"] = .int(Int64(parameters)) }
        if let baseline = trainer?.baseline.value { object["baseline"] = .double(baseline) }
        if let bestReward { object["bestReward"] = .double(bestReward) }
        return .object(object)
    }

    /// The trainer, created on first use from `rng`.
    private mutating func prepared(_ rng: inout SeededGenerator) -> ControllerTrainer {
        if let trainer { return trainer }
        let controller = LSTMController(choices: architectureSpace.choices, configuration: settings.configuration, using: &rng)
        let made = ControllerTrainer(controller: controller, learningRate: settings.learningRate,
                                     baselineDecay: settings.baselineDecay, rule: settings.rule, entropyWeight: settings.entropyWeight)
        trainer = made
        return made
    }
}

extension ControllerSearch {
    /// The architecture space of the `space` option at `<path>.space`: `ArchitectureSpaces.make`,
    /// with `defaultKind` filled in when the option or its `kind` is absent (nil: the
    /// registry's default space).
    /// - Throws: `JSONFieldError` for a bad space, `StrategyError.cannotServe` for a space with
    ///   no decision to learn.
    public static func space(_ json: JSON?, defaultKind: String?, strategy: String, path: String) throws -> any ArchitectureSpace {
        var json = json
        if let defaultKind {
            if json == nil { json = .object(["kind": .string(defaultKind)]) }
            if case .object(var object)? = json, object["kind"] == nil {
                object["kind"] = .string(defaultKind)
                json = .object(object)
            }
        }
        let space = try ArchitectureSpaces.make(json, path: JSONPath.member(path, "space"))
        guard !space.choices.isEmpty, space.choices.allSatisfy({ $0 >= 1 }) else {
            throw StrategyError.cannotServe(strategy: strategy, reason: "the architecture space \"\(space.kind)\" has no decision to learn")
        }
        return space
    }
}
