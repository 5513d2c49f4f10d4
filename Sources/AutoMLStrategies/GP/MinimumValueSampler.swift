#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLNumerics

/// Samples of the minimum value `f_min` of the GP posterior, for max-value entropy search.
///
/// Following Wang & Jegelka (2017, §3.1), treat the values of `f` at a set of points (the
/// acquisition candidates plus the training points) as independent, so that
/// `P(f_min > m) ≈ Π_i Φ((μ_i - m) / σ_i)`; fit a Gumbel law for the minimum,
/// `P(f_min > m) = exp(-exp((m - a) / b))`, to its quartiles (found by bisection) and draw from it
/// by inversion. Samples are capped at the smallest posterior mean in the set (`f_min` cannot
/// exceed the value at any point), less a hair, so that every `γ` stays finite.
enum MinimumValueSampler {
    static func sample(means: [Double], variances: [Double], count: Int, generator: inout SeededGenerator) -> [Double] {
        var lowestMean = Double.infinity
        var lowest = Double.infinity
        var highestSigma = 0.0
        for (m, v) in zip(means, variances) {
            let sigma = (v + AcquisitionFunction.stabilizingVariance).squareRoot()
            lowestMean = min(lowestMean, m)
            lowest = min(lowest, m - 8 * sigma)
            highestSigma = max(highestSigma, sigma)
        }
        guard lowestMean.isFinite, count > 0 else { return [] }
        let high = lowestMean + 8 * highestSigma
        // Points that cannot matter anywhere in [lowest, high] are dropped.
        var relevant: [(Double, Double)] = []
        for (m, v) in zip(means, variances) {
            let sigma = (v + AcquisitionFunction.stabilizingVariance).squareRoot()
            if (m - high) / sigma < 8 { relevant.append((m, sigma)) }
        }
        /// log P(f_min > level)
        func logSurvival(_ level: Double) -> Double {
            var sum = 0.0
            for (m, sigma) in relevant { sum += NormalDistribution.logCDF((m - level) / sigma) }
            return sum
        }
        /// The level where P(f_min > level) = target (decreasing in level).
        func quantile(_ target: Double) -> Double {
            let logTarget = log(target)
            var a = lowest, b = high
            for _ in 0..<60 {
                let mid = 0.5 * (a + b)
                if logSurvival(mid) > logTarget { a = mid } else { b = mid }
                if b - a <= 1e-9 * max(1, abs(mid)) { break }
            }
            return 0.5 * (a + b)
        }
        // Levels where the survival is 3/4, 1/2 and 1/4, and log(-log S) there: for the Gumbel law
        // each level is `a + b log(-log S)`.
        let level75 = quantile(0.75), level50 = quantile(0.5), level25 = quantile(0.25)
        let at75 = log(-log(0.75)), at50 = log(-log(0.5)), at25 = log(-log(0.25))
        let scale = max((level25 - level75) / (at25 - at75), 1e-12)
        let location = level50 - scale * at50
        let cap = lowestMean - 1e-9
        return (0..<count).map { _ in
            var u = generator.nextUnit()
            while u <= 0 { u = generator.nextUnit() }
            return min(location + scale * log(-log(u)), cap)
        }
    }
}
