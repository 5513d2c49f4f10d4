import AutoMLJSON
import AutoMLSpace

/// Hyperband with Bayesian model selection (Bertrand, Ardon, Perrot & Bloch 2017): Hyperband's
/// exact schedule, but each bracket's new configurations are sampled from the expected
/// improvement of a Gaussian process (`ExpectedImprovementSampler`) instead of uniformly, once
/// some budget has enough results (random until then). Promotions carry `resumeOf`, as in
/// `hyperband`.
///
/// Synchronous by default, as Hyperband: while every bracket waits for results, `ask` answers
/// `waiting`; `parallelBrackets` starts the next bracket instead.
///
/// References: H. Bertrand, R. Ardon, M. Perrot & I. Bloch, "Hyperparameter optimization of
/// deep neural networks: combining Hyperband with Bayesian model selection", CAp 2017; Li et
/// al., "Hyperband", JMLR 2018.
public struct HyperbandBO: Strategy {
    public struct Options: Decodable, Sendable {
        public var minBudget: Double?
        public var maxBudget: Double?
        public var eta: Double?
        public var parallelBrackets: Bool?
        /// Sobol candidates scored by EI per bracket (default 1024).
        public var candidates: Int?
        /// Complete results at one budget before the GP is used (default: dimension + 1, at least 3).
        public var minPoints: Int?
        /// Random starting points screened for a budget's first hyper-parameter fit (default 2).
        public var fitRestarts: Int?
    }

    public static let name = "hyperband-bo"
    public static let family = "multi-fidelity"
    public static let summary = "Hyperband's schedule with each bracket's configurations sampled in proportion to a Gaussian process's expected improvement."
    public static let optionsSchema: JSON = .object([
        "type": "object",
        "properties": .object(BudgetSchedule.schemaProperties.merging([
            "parallelBrackets": ["type": "boolean", "default": false, "description": "Start the next bracket instead of waiting."],
            "candidates": ["type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 1024, "description": "Sobol candidates scored by expected improvement per bracket."],
            "minPoints": ["type": "integer", "minimum": 2, "maximum": 100_000, "description": "Complete results at one budget before the GP is used (default: the number of parameters + 1, at least 3)."],
            "fitRestarts": ["type": "integer", "minimum": 0, "maximum": 1000, "default": 2, "description": "Random starting points screened for a budget's first hyper-parameter fit."],
        ])),
        "additionalProperties": false,
    ])
    public static let capabilities = StrategyCapabilities(multiObjective: false, multiFidelity: true)

    var runner: BracketRunner<ExpectedImprovementSampler>

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        let schedule = try BudgetSchedule(minBudget: options.minBudget ?? 1, maxBudget: options.maxBudget ?? 81, eta: options.eta ?? 3)
        let path = "params.strategy.options"
        var settings = ExpectedImprovementSampler.Settings()
        if let value = options.candidates {
            guard (1...1_000_000).contains(value) else { throw JSONFieldError(path: "\(path).candidates", reason: "expected an integer from 1 to 1000000") }
            settings.candidates = value
        }
        if let value = options.minPoints {
            guard (2...100_000).contains(value) else { throw JSONFieldError(path: "\(path).minPoints", reason: "expected an integer from 2 to 100000") }
            settings.minPoints = value
        }
        if let value = options.fitRestarts {
            guard (0...1000).contains(value) else { throw JSONFieldError(path: "\(path).fitRestarts", reason: "expected an integer from 0 to 1000") }
            settings.fitRestarts = value
        }
        let shapes = schedule.hyperbandBrackets
        runner = BracketRunner(
            shapes: shapes, parallelBrackets: options.parallelBrackets ?? false, objective: objectives[0],
            sampler: ExpectedImprovementSampler(space: space, objective: objectives[0], settings: settings, schedule: shapes))
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
