#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The strategy parameters of CMA-ES for a dimension and a population size: recombination
/// weights and learning rates, all from Hansen's tutorial (2016, table 1 and equations 49-58).
///
/// Notation: `n` the dimension, `λ` the population, `μ = ⌊λ/2⌋` the parents; `w'_i = ln((λ+1)/2)
/// - ln i` the raw weights for ranks `i = 1...λ`; `μ_eff = (Σ_{i≤μ} w'_i)² / Σ_{i≤μ} w'_i²`.
/// Positive weights are scaled to sum to 1; negative ones (active CMA) to sum to `-α_min`.
struct CMAESParameters: Sendable, Hashable {
    let dimension: Int
    let lambda: Int
    let mu: Int
    /// One weight per rank, best first: the first `μ` positive and summing to 1, the rest <= 0.
    let weights: [Double]
    /// The variance-effective selection mass of the positive weights.
    let muEff: Double
    /// Cumulation for the step-size path, and the step-size damping.
    let cSigma: Double
    let dSigma: Double
    /// Cumulation for the rank-one path.
    let cc: Double
    /// Learning rates of the rank-one and rank-μ updates.
    let c1: Double
    let cMu: Double
    /// `E‖N(0, I)‖`.
    let chiN: Double

    /// - Precondition: `dimension >= 1`, `lambda >= 2` (the strategy validates both).
    init(dimension: Int, lambda: Int) {
        let n = Double(dimension)
        let mu = lambda / 2
        let raw = (1...lambda).map { log(Double(lambda + 1) / 2) - log(Double($0)) }
        let positive = raw.prefix(mu)
        let negative = raw.dropFirst(mu)
        let muEff = Self.selectionMass(positive)
        let muEffMinus = Self.selectionMass(negative)

        let alphaCov = 2.0
        let c1 = alphaCov / ((n + 1.3) * (n + 1.3) + muEff)
        let cMu = min(1 - c1 - 1e-8, alphaCov * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + alphaCov * muEff / 2))
        // The negative weights' total: bounded so that C stays positive definite (eqs. 50-52).
        var alphaMin = 1 + 2 * muEffMinus / (muEff + 2)
        if cMu > 0 {
            alphaMin = min(alphaMin, 1 + c1 / cMu, (1 - c1 - cMu) / (n * cMu))
        }
        let positiveSum = raw.filter { $0 > 0 }.reduce(0, +)
        let negativeSum = raw.filter { $0 < 0 }.reduce(0) { $0 - $1 }
        self.weights = raw.map { w in
            w >= 0 ? w / positiveSum : alphaMin * w / negativeSum
        }
        self.dimension = dimension
        self.lambda = lambda
        self.mu = mu
        self.muEff = muEff
        self.cSigma = (muEff + 2) / (n + muEff + 5)
        self.dSigma = 1 + 2 * max(0, ((muEff - 1) / (n + 1)).squareRoot() - 1) + cSigma
        self.cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n)
        self.c1 = c1
        self.cMu = cMu
        self.chiN = n.squareRoot() * (1 - 1 / (4 * n) + 1 / (21 * n * n))
    }

    /// `(Σ w)² / Σ w²`; 0 for an empty or all-zero slice.
    static func selectionMass<C: Collection>(_ weights: C) -> Double where C.Element == Double {
        let sum = weights.reduce(0, +)
        let squares = weights.reduce(0) { $0 + $1 * $1 }
        return squares > 0 ? sum * sum / squares : 0
    }

    /// The default population `4 + ⌊3 ln n⌋`.
    static func defaultLambda(dimension: Int) -> Int {
        4 + Int((3 * log(Double(max(dimension, 1)))).rounded(.down))
    }
}
