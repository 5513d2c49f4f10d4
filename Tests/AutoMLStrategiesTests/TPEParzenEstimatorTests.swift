#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLNumerics
import Testing

@testable import AutoMLStrategies

/// The Parzen estimator's model: bandwidths, weights, and that its mixture is a distribution.
@Suite struct TPEParzenEstimatorTests {
    /// A log int on [1, 10], as `TPEDimension` builds it.
    static let logInt = TPEDimension.logIntCells(low: 1, high: 10, a: log(0.5), b: log(10.5))

    /// The unit coordinate of log int `i` (what `Parameter.unitValue(of:)` gives).
    static func unit(ofLogInt i: Int) -> Double {
        (log(Double(i)) - log(0.5)) / (log(10.5) - log(0.5))
    }

    @Test func mixtureSumsToOneOverADiscreteDomain() {
        let dimensions: [TPEDimension] = [.uniformCells(5), .categorical(3), Self.logInt]
        let rows: [[Double]] = [
            [0.1, 0.5, Self.unit(ofLogInt: 2)], [0.1, 0.2, Self.unit(ofLogInt: 2)], [0.9, 0.8, Self.unit(ofLogInt: 9)],
            [0.5, 0.5, Self.unit(ofLogInt: 5)], [0.3, 0.2, Self.unit(ofLogInt: 1)],
        ]
        for priorWeight in [1.0, 0.3] {
            let estimator = ParzenEstimator(
                dimensions: dimensions, observations: ParzenObservations(rows: rows, weights: TPEWeights.ramped(rows.count)),
                priorWeight: priorWeight, considerEndpoints: false)
            var points: [Double] = []
            for k in 0..<5 {
                for c in 0..<3 {
                    for i in 1...10 {
                        points += [(Double(k) + 0.5) / 5, (Double(c) + 0.5) / 3, Self.unit(ofLogInt: i)]
                    }
                }
            }
            let logDensity = estimator.logDensity(of: points, count: points.count / 3)
            let total = logDensity.reduce(0) { $0 + exp($1) }
            #expect(abs(total - 1) < 1e-12)
        }
    }

    @Test func continuousMixtureIntegratesToOne() {
        let estimator = ParzenEstimator(
            dimensions: [.continuous],
            observations: ParzenObservations(rows: [[0.02], [0.3], [0.31], [0.97]], weights: [1, 2, 1, 1]),
            priorWeight: 1, considerEndpoints: false)
        let n = 20_000
        let grid = (0..<n).map { (Double($0) + 0.5) / Double(n) }
        let integral = estimator.logDensity(of: grid, count: n).reduce(0) { $0 + exp($1) } / Double(n)
        #expect(abs(integral - 1) < 1e-6)
    }

    @Test func pointsInsideOneCellShareItsProbability() {
        let estimator = ParzenEstimator(
            dimensions: [.uniformCells(4)], observations: ParzenObservations(rows: [[0.125], [0.625]], weights: [1, 1]),
            priorWeight: 1, considerEndpoints: false)
        let logDensity = estimator.logDensity(of: [0.26, 0.374, 0.49], count: 3)
        #expect(logDensity[0] == logDensity[1] && logDensity[1] == logDensity[2])
    }

    @Test func categoricalKernelsFollowOptunasSmoothing() {
        // Two observations of choice 0 among 3; K = 3 kernels, prior weight 1: an observation's
        // row is 1/3 everywhere plus 1 on its choice, normalized by 2; the prior row is uniform.
        let estimator = ParzenEstimator(
            dimensions: [.categorical(3)], observations: ParzenObservations(rows: [[1.0 / 6], [1.0 / 6]], weights: [1, 1]),
            priorWeight: 1, considerEndpoints: false)
        let p = estimator.logDensity(of: [1.0 / 6, 0.5, 5.0 / 6], count: 3).map { exp($0) }
        let hit = (1 + 1.0 / 3) / 2, miss = (1.0 / 3) / 2
        #expect(abs(p[0] - (2 * hit + 1.0 / 3) / 3) < 1e-14)
        #expect(abs(p[1] - (2 * miss + 1.0 / 3) / 3) < 1e-14)
        #expect(abs(p.reduce(0, +) - 1) < 1e-14)
    }

    @Test func bandwidthUsesNeighbourGapsAndTheMagicClip() {
        // Gaps to neighbours, ends included: 0.45, 0.05, 0.45; without endpoints the outer
        // kernels use their inner gap (0.05); the clip raises everything to 1/min(100, 3 + 2).
        let withEnds = ParzenBandwidth.deviations(sorted: [0.45, 0.5, 0.55], considerEndpoints: true)
        #expect(zip(withEnds, [0.45, 0.2, 0.45]).allSatisfy { abs($0 - $1) < 1e-15 })
        #expect(ParzenBandwidth.deviations(sorted: [0.45, 0.5, 0.55], considerEndpoints: false) == [0.2, 0.2, 0.2])
        let many = (0..<200).map { 0.4 + Double($0) * 1e-4 }
        #expect(ParzenBandwidth.deviations(sorted: many, considerEndpoints: false).allSatisfy { $0 == 0.01 })
        // A lone observation spans its larger side; no deviation exceeds the range.
        #expect(ParzenBandwidth.deviations(sorted: [0.2], considerEndpoints: false) == [0.8])
        #expect(ParzenBandwidth.deviations(sorted: [0.0, 1.0], considerEndpoints: true) == [1.0, 1.0])
    }

    @Test func samplesComeFromTheKernels() {
        var rng = SeededGenerator(seed: 11)
        let estimator = ParzenEstimator(
            dimensions: [.continuous, .categorical(4)],
            observations: ParzenObservations(rows: [[0.8, 0.625]], weights: [1]), priorWeight: 0, considerEndpoints: false)
        let points = estimator.sample(count: 500, using: &rng)
        let xs = stride(from: 0, to: points.count, by: 2).map { points[$0] }
        let choices = stride(from: 1, to: points.count, by: 2).map { TPEDimension.cellIndex(points[$0], count: 4) }
        // Without prior weight every draw comes from the one kernel: N(0.8, 0.8) truncated to
        // [0, 1], and a categorical row with no smoothing left, all on the observed choice 2.
        #expect(xs.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(xs.reduce(0, +) / Double(xs.count) > 0.5)
        #expect(choices.allSatisfy { $0 == 2 })
    }

    @Test func weightsRampOldTrialsAndGammaCountsGoodOnes() {
        #expect(TPEWeights.ramped(3) == [1, 1, 1])
        let ramped = TPEWeights.ramped(30)
        #expect(ramped.count == 30)
        #expect(abs(ramped[0] - 1.0 / 30) < 1e-15)
        #expect(abs(ramped[2] - (1.0 / 30 + 2 * (1 - 1.0 / 30) / 4)) < 1e-15)
        #expect(ramped[4] == 1 && ramped[5...].allSatisfy { $0 == 1 })
        #expect(TPEWeights.ramped(26) == [1.0 / 26] + [Double](repeating: 1, count: 25))
        let counts = [0, 1, 10, 11, 250, 1000].map { TPEWeights.goodCount(finished: $0, fraction: nil, multiObjective: false) }
        #expect(counts == [0, 1, 1, 2, 25, 25])
        #expect(TPEWeights.goodCount(finished: 1000, fraction: nil, multiObjective: true) == 100)
        #expect(TPEWeights.goodCount(finished: 10, fraction: 0.25, multiObjective: false) == 3)
    }

    @Test func vectorExpMatchesLibmToAFewUlps() {
        var worst = 0.0
        var x = -700.0
        while x <= 700 {
            let lanes = SIMD4(x, x + 0.123, x + 0.456, x + 0.789)
            let e = VectorExp.exp(lanes)
            for i in 0..<4 { worst = max(worst, abs(e[i] - exp(lanes[i])) / exp(lanes[i])) }
            x += 1.37
        }
        #expect(worst < 1e-15)
        #expect(VectorExp.exp(SIMD4(repeating: 0)) == SIMD4(repeating: 1))
    }

    @Test func logSumExpMatchesTheNaiveSumAndSkipsOnlyNegligibleTerms() {
        let values: [Double] = [-3.5, 0.25, -80, 2, -.infinity, 1.5, -61.9, 0]
        let naive = log(values.reduce(0) { $0 + exp($1) })
        let fast = values.withUnsafeBufferPointer { ParzenEstimator.logSumExp($0) }
        #expect(abs(fast - naive) < 1e-14)
        let empty: [Double] = [-.infinity, -.infinity, -.infinity, -.infinity, -.infinity]
        #expect(empty.withUnsafeBufferPointer { ParzenEstimator.logSumExp($0) } == -.infinity)
    }

    /// The same 27 observations of a float on [0, 1], an int on [0, 99] and a categorical of 3
    /// given to Optuna 5.0's `_ParzenEstimator` (multivariate, default weights, magic clip, no
    /// endpoints): its `log_pdf` at four points, hard-coded here, must come out of ours. (An int
    /// `n` is the unit coordinate `(n + 1/2) / 100`, a choice `c` is `(c + 1/2) / 3`.) No two
    /// observations share a numeric value: with product kernels, which of two tied means gets
    /// which neighbour gap matters, and NumPy's unstable argsort orders ties arbitrarily (ours
    /// orders them by trial). The tolerance covers Optuna's own `erf` approximation.
    @Test(arguments: [
        (1.0, [-7.398931727855133, -7.425824965391584, -9.151698369579133, -5.308652941777283]),
        (0.5, [-7.498825713508846, -7.469787766038752, -9.826163919022424, -5.344707696644702]),
    ])
    func matchesOptunasParzenEstimator(_ c: (Double, [Double])) {
        let xs = [0.05, 0.31, 0.33, 0.9, 0.5, 0.71, 0.12, 0.98, 0.44, 0.6, 0.27, 0.85, 0.02, 0.66, 0.51, 0.39, 0.77, 0.2, 0.93, 0.55, 0.08, 0.47, 0.36, 0.62, 0.15, 0.81, 0.29]
        let ns = (0..<27).map { (7 * $0 + 3) % 100 }
        let cs = [0, 1, 1, 2, 0, 2, 1, 0, 1, 2, 0, 1, 1, 0, 2, 1, 0, 2, 1, 1, 0, 2, 1, 0, 2, 1, 0]
        let rows = xs.indices.map { [xs[$0], (Double(ns[$0]) + 0.5) / 100, (Double(cs[$0]) + 0.5) / 3] }
        let estimator = ParzenEstimator(
            dimensions: [.continuous, .uniformCells(100), .categorical(3)],
            observations: ParzenObservations(rows: rows, weights: TPEWeights.ramped(rows.count)), priorWeight: c.0,
            considerEndpoints: false)
        let points: [Double] = [0.3, 0.315, 0.5, 0.0, 0.005, 1.0 / 6, 0.97, 0.995, 5.0 / 6, 0.5, 0.525, 0.5]
        let logDensity = estimator.logDensity(of: points, count: 4)
        for (ours, optuna) in zip(logDensity, c.1) {
            #expect(abs(ours - optuna) < 1e-9, "ours \(ours), Optuna \(optuna)")
        }
    }
}
