#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLNumerics

/// FABOLAS's fitted models and what it asks of them: the incumbent, and the acquisition over
/// (configuration, subset size).
///
/// The loss model is a `FidelityProcess` with the `decay` basis on standardized losses; the cost
/// model one with the `linear` basis on standardized log costs (when the client tells costs),
/// otherwise the cost is taken to be the budget itself (`log cost = t log R` up to a constant,
/// `R = maxBudget / minBudget`). The acquisition is the information gain about the minimum loss
/// at `t = 1` (`FidelityInformationGain`) per unit of predicted cost, compared in logs.
struct FABOLASModel: Sendable {
    var loss: FidelityProcess
    var cost: (model: FidelityProcess, spread: Double)?
    let scale: FidelityScale

    /// One scored (candidate, grid size) pair.
    struct Scored: Sendable {
        var candidate: Int
        var t: Double
        /// `log(gain) - log(relative cost)`.
        var value: Double
    }

    /// The training configurations ranked by posterior mean at `t = 1` (standardized), lowest
    /// first: the first is RoBO's projected incumbent.
    func rankedAtFullBudget(configurations points: [Double], count n: Int) -> [(index: Int, mean: Double)] {
        guard n > 0 else { return [] }
        let projection = loss.project(points, count: n)
        return (0..<n).map { (index: $0, mean: loss.mean(projection, $0, at: 1)) }
            .filter { $0.mean.isFinite }
            .sorted { ($0.mean, $0.index) < ($1.mean, $1.index) }
    }

    /// The log of each candidate's cost at every grid size, relative to its cost at `t = 0`:
    /// `[grid index][candidate]`.
    func logRelativeCosts(_ points: [Double], count m: Int) -> [[Double]] {
        guard let cost else {
            let range = log(scale.maxBudget / scale.minBudget)
            return scale.grid.map { t in Array(repeating: t * range, count: m) }
        }
        let projection = cost.model.project(points, count: m)
        return scale.grid.map { t in
            (0..<m).map { cost.spread * (cost.model.mean(projection, $0, at: t) - cost.model.mean(projection, $0, at: 0)) }
        }
    }

    /// Every (candidate, grid size) pair with its acquisition value, best first.
    ///
    /// - Parameters:
    ///   - candidates: `m × d` canonical GP points.
    ///   - references: configurations whose values at `t = 1` join the candidates' to sample the
    ///     minimum (the training configurations).
    func score(candidates: [Double], count m: Int, references: [Double], referenceCount: Int, minimumSamples: Int, generator: inout SeededGenerator) -> [Scored] {
        let projection = loss.project(candidates + references, count: m + referenceCount)
        var means: [Double] = []
        var variances: [Double] = []
        for i in 0..<(m + referenceCount) {
            means.append(loss.mean(projection, i, at: 1))
            variances.append(loss.covariance(projection, i, 1, 1))
        }
        let samples = MinimumValueSampler.sample(means: means, variances: variances, count: minimumSamples, generator: &generator)
        var scored: [Scored] = []
        scored.reserveCapacity(m * scale.grid.count)
        let costs = logRelativeCosts(candidates, count: m)
        for (g, t) in scale.grid.enumerated() {
            for i in 0..<m {
                let gain = FidelityInformationGain.gain(
                    targetMean: means[i], targetVariance: variances[i],
                    observationVariance: loss.covariance(projection, i, t, t) + loss.noise,
                    covariance: loss.covariance(projection, i, t, 1), minimumSamples: samples)
                let value = gain > 0 ? log(gain) - costs[g][i] : -.infinity
                scored.append(Scored(candidate: i, t: t, value: value.isNaN ? -.infinity : value))
            }
        }
        scored.sort { ($0.value, -$0.t, -$0.candidate) > ($1.value, -$1.t, -$1.candidate) }
        return scored
    }
}
