import AutoMLJSON
import AutoMLSpace

/// Hyperband: successive-halving brackets that trade the number of configurations against their
/// starting budget, with the paper's exact schedule (for maxBudget / minBudget = 81 and eta = 3:
/// 81 configurations at budget 1, 34 at 3, 15 at 9, 8 at 27 and 5 at 81, each bracket halving by
/// eta), repeated. Configurations are uniform random; promotions carry `resumeOf`.
///
/// Synchronous by default, as in the paper: while every bracket waits for results, `ask` answers
/// `waiting`. With `parallelBrackets`, the next bracket starts instead so parallel workers never
/// idle (HpBandSter's behaviour).
///
/// References: Li, Jamieson, DeSalvo, Rostamizadeh & Talwalkar, "Hyperband: A Novel
/// Bandit-Based Approach to Hyperparameter Optimization", JMLR 2018.
public struct Hyperband: Strategy {
    public struct Options: Decodable, Sendable {
        public var minBudget: Double?
        public var maxBudget: Double?
        public var eta: Double?
        public var parallelBrackets: Bool?
    }

    public static let name = "hyperband"
    public static let family = "multi-fidelity"
    public static let summary = "Hyperband's brackets of successive halving, the paper's exact schedule, repeated."
    public static let optionsSchema: JSON = .object([
        "type": "object",
        "properties": .object(BudgetSchedule.schemaProperties.merging([
            "parallelBrackets": ["type": "boolean", "default": false, "description": "Start the next bracket instead of waiting."]
        ])),
        "additionalProperties": false,
    ])
    public static let capabilities = StrategyCapabilities(multiObjective: false, multiFidelity: true)

    var runner: BracketRunner<RandomBracketSampler>

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        let schedule = try BudgetSchedule(minBudget: options.minBudget ?? 1, maxBudget: options.maxBudget ?? 81, eta: options.eta ?? 3)
        runner = BracketRunner(
            shapes: schedule.hyperbandBrackets, parallelBrackets: options.parallelBrackets ?? false,
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
