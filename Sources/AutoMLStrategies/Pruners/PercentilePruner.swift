import AutoMLJSON
import AutoMLNumerics

/// Stops a trial whose best intermediate value so far is worse than the given percentile of the
/// values that finished trials reported at the same step. Optuna's rule: no pruning before
/// `startupTrials` trials completed, before `warmupSteps`, off the `intervalSteps` grid, or with
/// fewer than `minTrials` values at that step.
public struct PercentilePruner: Pruner {
    public struct Options: Decodable, Sendable {
        /// 0-100: the share of better trials a trial must be among to continue (25: the top quarter).
        public var percentile: Double?
        public var startupTrials: Int?
        public var warmupSteps: Double?
        public var intervalSteps: Double?
        public var minTrials: Int?
        public var objective: Int?
    }

    public static let name = "percentile"
    public static let summary = "Stop a trial worse than the given percentile of finished trials at the same step."
    public static let optionsSchema = PercentileRule.schema(withPercentile: true)

    let rule: PercentileRule

    public init(objectives: [Objective], options: Options) throws {
        let path = "params.pruner.options"
        guard let percentile = options.percentile, (0...100).contains(percentile) else {
            throw JSONFieldError(path: "\(path).percentile", reason: "required: a number from 0 to 100")
        }
        rule = try PercentileRule(
            percentile: percentile, startupTrials: options.startupTrials, warmupSteps: options.warmupSteps,
            intervalSteps: options.intervalSteps, minTrials: options.minTrials,
            objective: PrunedObjective(objectives: objectives, index: options.objective, path: path), path: path)
    }

    public func decide(_ trial: TrialRecord, history: [TrialRecord]) -> PruneDecision {
        rule.decide(trial, history: history)
    }
}

/// The median stopping rule: the percentile pruner at the 50th percentile.
///
/// References: Golovin et al., "Google Vizier: A Service for Black-Box Optimization", KDD 2017.
public struct MedianPruner: Pruner {
    public struct Options: Decodable, Sendable {
        public var startupTrials: Int?
        public var warmupSteps: Double?
        public var intervalSteps: Double?
        public var minTrials: Int?
        public var objective: Int?
    }

    public static let name = "median"
    public static let summary = "Stop a trial whose best value so far is worse than the median of finished trials at the same step."
    public static let optionsSchema = PercentileRule.schema(withPercentile: false)

    let rule: PercentileRule

    public init(objectives: [Objective], options: Options) throws {
        let path = "params.pruner.options"
        rule = try PercentileRule(
            percentile: 50, startupTrials: options.startupTrials, warmupSteps: options.warmupSteps,
            intervalSteps: options.intervalSteps, minTrials: options.minTrials,
            objective: PrunedObjective(objectives: objectives, index: options.objective, path: path), path: path)
    }

    public func decide(_ trial: TrialRecord, history: [TrialRecord]) -> PruneDecision {
        rule.decide(trial, history: history)
    }
}

/// The rule behind the median and percentile pruners.
struct PercentileRule: Sendable {
    let percentile: Double
    let startupTrials: Int
    let warmupSteps: Double
    let intervalSteps: Double
    let minTrials: Int
    let objective: PrunedObjective

    init(
        percentile: Double, startupTrials: Int?, warmupSteps: Double?, intervalSteps: Double?, minTrials: Int?,
        objective: PrunedObjective, path: String
    ) throws {
        self.percentile = percentile
        self.startupTrials = startupTrials ?? 5
        self.warmupSteps = warmupSteps ?? 0
        self.intervalSteps = intervalSteps ?? 1
        self.minTrials = minTrials ?? 1
        self.objective = objective
        guard self.startupTrials >= 0 else { throw JSONFieldError(path: "\(path).startupTrials", reason: "expected a non-negative integer") }
        guard self.warmupSteps >= 0 else { throw JSONFieldError(path: "\(path).warmupSteps", reason: "expected a non-negative number") }
        guard self.intervalSteps > 0 else { throw JSONFieldError(path: "\(path).intervalSteps", reason: "expected a positive number") }
        guard self.minTrials >= 1 else { throw JSONFieldError(path: "\(path).minTrials", reason: "expected a positive integer") }
    }

    static func schema(withPercentile: Bool) -> JSON {
        var properties: JSONObject = [
            "startupTrials": ["type": "integer", "minimum": 0, "default": 5, "description": "Complete trials before any pruning."],
            "warmupSteps": ["type": "number", "minimum": 0, "default": 0, "description": "Steps of each trial before it can be pruned."],
            "intervalSteps": ["type": "number", "exclusiveMinimum": 0, "default": 1, "description": "Judge only at multiples of this step (after warm-up)."],
            "minTrials": ["type": "integer", "minimum": 1, "default": 1, "description": "Values needed at a step to judge it."],
            "objective": ["type": "integer", "minimum": 0, "default": 0, "description": "The objective whose direction reported values follow."],
        ]
        var required: [JSON] = []
        if withPercentile {
            properties["percentile"] = ["type": "number", "minimum": 0, "maximum": 100, "description": "Continue only trials among the best percentile."]
            required = ["percentile"]
        }
        var schema: JSONObject = ["type": "object", "properties": .object(properties), "additionalProperties": false]
        if !required.isEmpty { schema["required"] = .array(required) }
        return .object(schema)
    }

    func decide(_ trial: TrialRecord, history: [TrialRecord]) -> PruneDecision {
        guard let latest = trial.intermediate.last else { return .continue }
        let step = latest.step
        let completed = history.filter { $0.state == .complete }
        guard completed.count >= startupTrials, step >= warmupSteps else { return .continue }
        let sinceWarmup = (step - warmupSteps) / intervalSteps
        guard abs(sinceWarmup - sinceWarmup.rounded()) < 1e-9 else { return .continue }
        let others = completed.compactMap { other in other.intermediate.last(where: { $0.step == step }).map { objective.loss($0.value) } }
        guard others.count >= minTrials else { return .continue }
        let best = trial.intermediate.map { objective.loss($0.value) }.min() ?? .infinity
        let threshold = SampleQuantile.of(sorted: others.sorted(), percentile / 100)
        return best > threshold ? .prune : .continue
    }
}
