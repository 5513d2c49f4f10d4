import AutoMLNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// DYCORS's candidate points and their weighted score.
///
/// Candidates perturb the best point: each coordinate is picked with probability `p` (at least
/// one is always picked) and moved by `σ · N(0, 1)`, reflected back into `[0, 1]`; a discrete
/// coordinate is then snapped to its cell's centre, so the surrogate is asked about configs
/// that can be run. The perturbation probability falls as the run goes on (`probability`), so
/// the search starts global and becomes coordinate-wise.
///
/// The next point minimizes `w · V_R + (1 - w) · V_D` over the candidates, with `V_R` the
/// surrogate value and `V_D` the negated distance to the nearest evaluated or pending point,
/// both scaled to `[0, 1]` over the candidates; candidates closer than `tolerance` to a known
/// point are excluded. `w` cycles through `weightCycle`, from exploring to exploiting.
///
/// References: Regis & Shoemaker, "A stochastic radial basis function method for the global
/// optimization of expensive functions", INFORMS J. Comput. 2007; Regis & Shoemaker, DYCORS,
/// Eng. Optim. 2013.
enum DYCORSCandidates {
    static let weightCycle = [0.3, 0.5, 0.8, 0.95]

    /// The probability of perturbing a coordinate at the `step`-th (from 0) adaptive point of a
    /// run: `min(1, 20/d) · (1 - ln(step + 1) / ln(horizon))`, never below 0.
    static func probability(step: Int, dimension: Int, horizon: Int) -> Double {
        let start = min(1, 20 / Double(max(dimension, 1)))
        let decay = 1 - log(Double(step + 1)) / log(Double(max(horizon, 2)))
        return start * max(decay, 0)
    }

    /// `count` perturbations of `best`.
    static func generate(
        around best: [Double], count: Int, sigma: Double, probability: Double, cells: [UnitCells?],
        using rng: inout SeededGenerator
    ) -> [[Double]] {
        let d = best.count
        return (0..<count).map { _ in
            var mask = (0..<d).map { _ in rng.nextUnit() < probability }
            if !mask.contains(true), d > 0 { mask[rng.nextInt(below: d)] = true }
            var x = best
            for j in 0..<d where mask[j] {
                x[j] = reflect(best[j] + sigma * rng.nextGaussian())
                if let cell = cells[j] { x[j] = cell.snap(x[j]) }
            }
            return x
        }
    }

    /// `u` folded back into `[0, 1]` at the walls (then clamped, for very long steps).
    static func reflect(_ u: Double) -> Double {
        var v = u
        if v < 0 { v = -v }
        if v > 1 { v = 2 - v }
        return min(max(v, 0), 1)
    }

    /// The distance from each candidate to the nearest of `known`.
    static func nearestDistances(_ candidates: [[Double]], to known: [[Double]]) -> [Double] {
        candidates.map { x in
            known.reduce(Double.infinity) { min($0, CubicRBFModel.distance(x, $1)) }
        }
    }

    /// The index of the candidate with the lowest weighted score, or nil when none is farther
    /// than `tolerance` from every known point.
    ///
    /// - Parameters:
    ///   - values: the surrogate's predictions, or nil to score on distance alone.
    ///   - weight: `w`, the share of the surrogate in the score.
    static func select(values: [Double]?, distances: [Double], weight: Double, tolerance: Double) -> Int? {
        let eligible = distances.indices.filter { distances[$0] > tolerance }
        guard !eligible.isEmpty else { return nil }
        let (dLow, dHigh) = range(eligible.map { distances[$0] })
        var valueRange = (0.0, 0.0)
        if let values { valueRange = range(eligible.map { values[$0] }) }
        var best: Int?
        var bestScore = Double.infinity
        for i in eligible {
            let vd = dHigh > dLow ? (dHigh - distances[i]) / (dHigh - dLow) : 1
            var vr = 1.0
            if let values, valueRange.1 > valueRange.0 { vr = (values[i] - valueRange.0) / (valueRange.1 - valueRange.0) }
            let w = values == nil ? 0 : weight
            let score = w * vr + (1 - w) * vd
            if score < bestScore {
                bestScore = score
                best = i
            }
        }
        return best
    }

    private static func range(_ xs: [Double]) -> (Double, Double) {
        var low = Double.infinity, high = -Double.infinity
        for x in xs where x.isFinite {
            low = min(low, x)
            high = max(high, x)
        }
        return low <= high ? (low, high) : (0, 0)
    }
}
