import AutoMLJSON
import AutoMLSpace

/// BOHB: Hyperband's brackets, with new configurations drawn from kernel density models of the
/// results at the largest budget that has enough of them (random until then, and a random third
/// of the time always). Parallel workers get the next bracket instead of waiting, as HpBandSter's
/// BOHB runs iterations side by side; promotions carry `resumeOf`.
///
/// References: Falkner, Klein & Hutter, "BOHB: Robust and Efficient Hyperparameter Optimization
/// at Scale", ICML 2018; Li et al., Hyperband, JMLR 2018.
public struct BOHB: Strategy {
    public struct Options: Decodable, Sendable {
        public var minBudget: Double?
        public var maxBudget: Double?
        public var eta: Double?
        public var parallelBrackets: Bool?
        public var topFraction: Double?
        public var randomFraction: Double?
        public var candidates: Int?
        public var bandwidthFactor: Double?
        public var minBandwidth: Double?
    }

    public static let name = "bohb"
    public static let family = "multi-fidelity"
    public static let summary = "Hyperband with configurations from kernel density models of the best results (BOHB)."
    public static let optionsSchema: JSON = .object([
        "type": "object",
        "properties": .object(BudgetSchedule.schemaProperties.merging([
            "parallelBrackets": ["type": "boolean", "default": true, "description": "Start the next bracket instead of waiting."],
            "topFraction": ["type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1, "default": 0.15, "description": "Share of results in the good density."],
            "randomFraction": ["type": "number", "minimum": 0, "maximum": 1, "default": 0.3333333333333333, "description": "Share of configurations drawn at random."],
            "candidates": ["type": "integer", "minimum": 1, "maximum": 10000, "default": 64, "description": "Candidates scored per model draw."],
            "bandwidthFactor": ["type": "number", "exclusiveMinimum": 0, "default": 3, "description": "Widens the good density for drawing candidates."],
            "minBandwidth": ["type": "number", "exclusiveMinimum": 0, "default": 0.001],
        ])),
        "additionalProperties": false,
    ])
    public static let capabilities = StrategyCapabilities(multiObjective: false, multiFidelity: true)

    var runner: BracketRunner<KernelDensitySampler>

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        let schedule = try BudgetSchedule(minBudget: options.minBudget ?? 1, maxBudget: options.maxBudget ?? 81, eta: options.eta ?? 3)
        let path = "params.strategy.options"
        var settings = KernelDensitySampler.Settings()
        if let value = options.topFraction {
            guard value > 0 && value < 1 else { throw JSONFieldError(path: "\(path).topFraction", reason: "expected a number between 0 and 1") }
            settings.topFraction = value
        }
        if let value = options.randomFraction {
            guard (0...1).contains(value) else { throw JSONFieldError(path: "\(path).randomFraction", reason: "expected a number from 0 to 1") }
            settings.randomFraction = value
        }
        if let value = options.candidates {
            guard (1...10_000).contains(value) else { throw JSONFieldError(path: "\(path).candidates", reason: "expected an integer from 1 to 10000") }
            settings.candidates = value
        }
        if let value = options.bandwidthFactor {
            guard value > 0 && value.isFinite else { throw JSONFieldError(path: "\(path).bandwidthFactor", reason: "expected a positive number") }
            settings.bandwidthFactor = value
        }
        if let value = options.minBandwidth {
            guard value > 0 && value.isFinite else { throw JSONFieldError(path: "\(path).minBandwidth", reason: "expected a positive number") }
            settings.minBandwidth = value
        }
        runner = BracketRunner(
            shapes: schedule.hyperbandBrackets, parallelBrackets: options.parallelBrackets ?? true,
            objective: objectives[0], sampler: KernelDensitySampler(space: space, settings: settings))
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
