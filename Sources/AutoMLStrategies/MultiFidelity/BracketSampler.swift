import AutoMLJSON
import AutoMLSpace

/// Where a bracket's new configurations come from: uniformly at random (successive halving,
/// Hyperband) or from a model of the results so far (BOHB).
protocol BracketSampler: Sendable {
    /// A configuration to start at `budget`.
    mutating func draw(budget: Double, context: inout StrategyContext) -> JSONObject
    /// A finished trial, whoever suggested it; `loss` is nil unless it completed.
    mutating func observe(_ trial: TrialRecord, loss: Double?, context: inout StrategyContext)
    /// What `session/status` shows of the sampler.
    func status() -> JSON
}

/// Uniform random configurations, as successive halving and Hyperband draw them.
struct RandomBracketSampler: BracketSampler {
    let space: SearchSpace

    mutating func draw(budget: Double, context: inout StrategyContext) -> JSONObject {
        space.sample(using: &context.rng)
    }

    mutating func observe(_ trial: TrialRecord, loss: Double?, context: inout StrategyContext) {}

    func status() -> JSON { ["sampler": "random"] }
}
