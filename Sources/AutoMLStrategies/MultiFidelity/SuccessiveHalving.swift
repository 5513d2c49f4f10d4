import AutoMLJSON
import AutoMLSpace

#if canImport(Glibc)
import Glibc
#endif

/// Successive halving: n random configurations at the smallest budget, then the best 1/eta of
/// them at eta times the budget, and so on up to `maxBudget`; a promoted trial continues the trial
/// it was (`resumeOf`). Synchronous: a rung starts when the previous one has finished, and until
/// then `ask` answers `waiting`. When a bracket ends, the next one starts with new configurations.
///
/// References: Jamieson & Talwalkar, "Non-stochastic Best Arm Identification and Hyperparameter
/// Optimization", AISTATS 2016; Karnin, Koren & Somekh, ICML 2013.
public struct SuccessiveHalving: Strategy {
    public struct Options: Decodable, Sendable {
        public var minBudget: Double?
        public var maxBudget: Double?
        public var eta: Double?
        /// Configurations at the first rung (default eta^s_max, so one reaches maxBudget).
        public var configurations: Int?
    }

    public static let name = "successive-halving"
    public static let family = "multi-fidelity"
    public static let summary = "Synchronous successive halving: the best 1/eta of each rung move on to eta times the budget."
    public static let optionsSchema: JSON = .object([
        "type": "object",
        "properties": .object(BudgetSchedule.schemaProperties.merging([
            "configurations": ["type": "integer", "minimum": 1, "maximum": 100_000, "description": "Configurations at the first rung."]
        ])),
        "additionalProperties": false,
    ])
    public static let capabilities = StrategyCapabilities(multiObjective: false, multiFidelity: true)

    var runner: BracketRunner<RandomBracketSampler>

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        let schedule = try BudgetSchedule(minBudget: options.minBudget ?? 1, maxBudget: options.maxBudget ?? 81, eta: options.eta ?? 3)
        let rungs = schedule.sMax + 1
        let defaultCount = Int((pow(schedule.eta, Double(schedule.sMax)) + 1e-9).rounded(.down))
        let count = options.configurations ?? defaultCount
        guard (1...100_000).contains(count) else {
            throw JSONFieldError(path: "params.strategy.options.configurations", reason: "expected an integer from 1 to 100000")
        }
        runner = BracketRunner(
            shapes: [schedule.successiveHalving(configurations: count, rungs: rungs)], parallelBrackets: false,
            objective: objectives[0], sampler: RandomBracketSampler(space: space))
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        runner.ask(count, context: &context)
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        runner.tell(trial, context: &context)
    }

    public mutating func abandon(_ trial: TrialRecord, context: inout StrategyContext) {
        runner.abandon(trial)
    }

    public func status(context: StrategyContext) -> JSON { runner.status() }
}

extension JSONObject {
    /// This object with `other`'s members added (replacing same-named ones).
    func merging(_ other: JSONObject) -> JSONObject {
        var merged = self
        for (key, value) in other { merged[key] = value }
        return merged
    }
}
