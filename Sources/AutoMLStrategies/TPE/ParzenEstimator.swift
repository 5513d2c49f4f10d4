#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A Parzen estimator: a weighted mixture of product kernels over a block of dimensions, one
/// kernel per observation plus a broad prior kernel. TPE builds one from the good trials, `l(x)`,
/// and one from the rest, `g(x)`, and suggests the candidate maximizing `l(x) / g(x)`.
///
/// Notation: `K = m + 1` kernels (slot `m` is the prior), `B` block dimensions, `C` continuous
/// ones among them. Kernel `j` is the product over dimensions of
/// - a normal `N(μ_jt, σ_jt)` truncated to `[0, 1]` for a continuous dimension (its density),
/// - the same normal's mass over the value's cell, renormalized to `[0, 1]`, for a discrete one,
/// - for a categorical one with `n` choices, Optuna's smoothed kernel: probability
///   `(1 + p/K) / (1 + n p/K)` on the observed choice and `(p/K) / (1 + n p/K)` on each other
///   one (`p` the prior weight); the prior kernel is uniform.
/// Means are the observations; deviations follow `ParzenBandwidth`; the prior kernel is
/// `N(1/2, 1)`. Weights are the observations' weights plus `p` for the prior, normalized (the
/// prior alone gets weight 1 when there are no observations).
///
/// Stored arrays (all `[Double]` rows of length `K` unless noted):
/// - `logWeights`, `cumulativeWeights`;
/// - `base[j] = log w_j - Σ_continuous (log σ_jt + log √(2π) + log Z_jt) - Σ_cells log Z_jt`,
///   `Z_jt` the kernel's mass on `[0, 1]`: every candidate-independent term of `log kernel_j`;
/// - `means`, `deviations`, `scaledInverseDeviations` (`√(1/2) / σ`): `C × K`, continuous only;
/// - per discrete dimension, kernels grouped into distinct `(μ, σ)` pairs (many kernels share
///   one when values repeat) so a candidate's cell masses are computed once per pair;
/// - per categorical dimension, the observed choice of each kernel (`-1` for the prior).
///
/// References: Bergstra, Bardenet, Bengio & Kégl, "Algorithms for Hyper-Parameter
/// Optimization", NIPS 2011; Falkner, Klein & Hutter, "BOHB", ICML 2018 (multivariate kernels);
/// Watanabe, "Tree-Structured Parzen Estimator: Understanding Its Algorithm Components and Their
/// Roles for Better Empirical Performance", arXiv:2304.11127 (2023).
struct ParzenEstimator: Sendable {
    /// Kernels of one discrete numeric dimension, grouped into distinct `(mean, deviation)` pairs.
    struct CellKernels: Sendable {
        var position: Int
        var dimension: TPEDimension
        /// For each kernel, its pair.
        var pairOf: [Int32]
        var pairMeans: [Double]
        var pairDeviations: [Double]
    }

    /// Kernels of one categorical dimension.
    struct CategoryKernels: Sendable {
        var position: Int
        var choices: Int
        /// For each kernel, the observed choice; `-1` for the (uniform) prior.
        var observed: [Int32]
        var hitProbability: Double
        var missProbability: Double
        var logHit: Double
        var logMiss: Double
        var logUniform: Double
    }

    let dimensions: [TPEDimension]
    let kernelCount: Int
    var logWeights: [Double]
    var cumulativeWeights: [Double]
    var base: [Double]
    var continuousPositions: [Int]
    var means: [Double]
    var deviations: [Double]
    var scaledInverseDeviations: [Double]
    var cells: [CellKernels] = []
    var categories: [CategoryKernels] = []

    /// Builds the estimator.
    ///
    /// - Parameters:
    ///   - dimensions: the block's dimensions, in the order of `observations`' rows.
    ///   - priorWeight: the prior kernel's weight relative to an observation of weight 1 (>= 0).
    ///   - considerEndpoints: see `ParzenBandwidth`.
    init(dimensions: [TPEDimension], observations: ParzenObservations, priorWeight: Double, considerEndpoints: Bool) {
        let m = observations.count
        let k = m + 1
        self.dimensions = dimensions
        self.kernelCount = k
        var weights = observations.weights
        weights.append(m == 0 ? 1 : priorWeight)
        let inverseTotal = 1 / weights.reduce(0, +)
        var cumulative = [Double](repeating: 0, count: k)
        var logWeights = [Double](repeating: 0, count: k)
        var running = 0.0
        for j in 0..<k {
            let w = weights[j] * inverseTotal
            running += w
            cumulative[j] = running
            logWeights[j] = log(w)
        }
        self.logWeights = logWeights
        cumulativeWeights = cumulative
        base = logWeights
        continuousPositions = dimensions.indices.filter { dimensions[$0].isContinuous }
        let rows = continuousPositions.count * k
        means = [Double](repeating: 0, count: rows)
        deviations = [Double](repeating: 0, count: rows)
        scaledInverseDeviations = [Double](repeating: 0, count: rows)
        var sortedValues = [Double](repeating: 0, count: m)
        var sortedDeviations = [Double](repeating: 0, count: m)
        var continuousRow = 0
        for (t, dimension) in dimensions.enumerated() {
            if case .categorical(let n) = dimension {
                categories.append(Self.categoryKernels(position: t, choices: n, observations: observations, row: t, priorWeight: priorWeight))
                continue
            }
            let slots = observations.sortedSlots[(t * m)..<(t * m + m)]
            for (r, s) in slots.enumerated() { sortedValues[r] = observations.values[t * m + Int(s)] }
            sortedValues.withUnsafeBufferPointer { input in
                sortedDeviations.withUnsafeMutableBufferPointer { output in
                    ParzenBandwidth.deviations(sorted: input, considerEndpoints: considerEndpoints, output: output)
                }
            }
            if dimension.isContinuous {
                fillContinuous(row: continuousRow, observations: observations, dimension: t, slots: slots, sortedDeviations: sortedDeviations)
                continuousRow += 1
            } else {
                addCells(
                    position: t, dimension: dimension, slots: slots, sortedValues: sortedValues,
                    sortedDeviations: sortedDeviations)
            }
        }
    }

    /// `log Z`: the log mass on `[0, 1]` of `N(mean, 1 / inverseSD)`, `mean` in `[0, 1]`.
    ///
    /// A bound more than 9 deviations away contributes less than `1.2e-19` and is left out,
    /// so most kernels cost no `erfc` at all and the others one.
    @inline(__always)
    static func logNormalizer(mean: Double, inverseSD: Double) -> Double {
        let a = -mean * inverseSD, b = (1 - mean) * inverseSD
        guard a <= 0 && b >= 0 else { return TruncatedNormal.logMass(from: a, to: b) }
        let farBelow = a < -9, farAbove = b > 9
        if farBelow && farAbove { return 0 }
        if farBelow { return log1p(-TruncatedNormal.cdf(-b)) }
        if farAbove { return log1p(-TruncatedNormal.cdf(a)) }
        return TruncatedNormal.logMass(from: a, to: b)
    }

    /// Fills continuous row `row` (block dimension `dimension`) of `means`, `deviations` and
    /// `scaledInverseDeviations`, and subtracts the kernels' constant terms from `base`.
    private mutating func fillContinuous(
        row: Int, observations: ParzenObservations, dimension t: Int, slots: ArraySlice<Int32>, sortedDeviations: [Double]
    ) {
        let m = observations.count
        let offset = row * (m + 1)
        let half = 0.5.squareRoot()
        observations.values.withUnsafeBufferPointer { values in
            means.withUnsafeMutableBufferPointer { mu in
                deviations.withUnsafeMutableBufferPointer { sd in
                    scaledInverseDeviations.withUnsafeMutableBufferPointer { inverse in
                        base.withUnsafeMutableBufferPointer { base in
                            for s in 0..<m { mu[offset + s] = values[t * m + s] }
                            mu[offset + m] = ParzenBandwidth.priorMean
                            for (r, s) in slots.enumerated() { sd[offset + Int(s)] = sortedDeviations[r] }
                            sd[offset + m] = ParzenBandwidth.priorSD
                            // Most deviations sit at the clip's floor: remember the last logarithm
                            // and reciprocal rather than dividing for every kernel.
                            var lastDeviation = -1.0
                            var lastLog = 0.0
                            var lastInverse = 0.0
                            for j in 0...m {
                                let deviation = sd[offset + j]
                                if deviation != lastDeviation {
                                    lastDeviation = deviation
                                    lastLog = log(deviation) + TruncatedNormal.logSqrtTwoPi
                                    lastInverse = 1 / deviation
                                }
                                base[j] -= lastLog + Self.logNormalizer(mean: mu[offset + j], inverseSD: lastInverse)
                                inverse[offset + j] = half * lastInverse
                            }
                        }
                    }
                }
            }
        }
    }

    private mutating func addCells(
        position: Int, dimension: TPEDimension, slots: ArraySlice<Int32>, sortedValues: [Double], sortedDeviations: [Double]
    ) {
        let m = slots.count
        var pairOf = [Int32](repeating: 0, count: m + 1)
        var pairMeans: [Double] = []
        var pairDeviations: [Double] = []
        for (r, s) in slots.enumerated() {
            let mean = sortedValues[r], sd = sortedDeviations[r]
            if pairMeans.last != mean || pairDeviations.last != sd {
                pairMeans.append(mean)
                pairDeviations.append(sd)
            }
            pairOf[Int(s)] = Int32(pairMeans.count - 1)
        }
        pairMeans.append(ParzenBandwidth.priorMean)
        pairDeviations.append(ParzenBandwidth.priorSD)
        pairOf[m] = Int32(pairMeans.count - 1)
        let pairLogZ = zip(pairMeans, pairDeviations).map { Self.logNormalizer(mean: $0, inverseSD: 1 / $1) }
        for j in 0...m { base[j] -= pairLogZ[Int(pairOf[j])] }
        cells.append(CellKernels(position: position, dimension: dimension, pairOf: pairOf, pairMeans: pairMeans, pairDeviations: pairDeviations))
    }

    private static func categoryKernels(
        position: Int, choices n: Int, observations: ParzenObservations, row: Int, priorWeight: Double
    ) -> CategoryKernels {
        let m = observations.count
        let dimension = TPEDimension.categorical(n)
        var observed = [Int32](repeating: -1, count: m + 1)
        for s in 0..<m { observed[s] = Int32(dimension.category(of: observations.values[row * m + s])) }
        let smoothing = priorWeight / Double(m + 1)
        let rowSum = 1 + Double(n) * smoothing
        let hit = (1 + smoothing) / rowSum
        let miss = smoothing / rowSum
        return CategoryKernels(
            position: position, choices: n, observed: observed, hitProbability: hit, missProbability: miss,
            logHit: log(hit), logMiss: log(miss), logUniform: -log(Double(n)))
    }
}
