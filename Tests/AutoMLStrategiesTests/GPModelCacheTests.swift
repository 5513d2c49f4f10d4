import AutoMLNumerics
import Foundation
import Testing
@testable import AutoMLStrategies

/// What makes an ask cheap: the grown Cholesky factor, the refit schedule, warm refits, and the
/// batched kernel and likelihood paths, each against the plain computation it replaces.
@Suite struct GPModelCacheTests {
    /// `n` points in 3-D (the last coordinate categorical with 3 choices) and a smooth function.
    static func data(_ n: Int, seed: UInt64 = 1) -> (x: [Double], y: [Double]) {
        var rng = SeededGenerator(seed: seed)
        var x: [Double] = []
        var y: [Double] = []
        for _ in 0..<n {
            let a = rng.nextUnit(), b = rng.nextUnit(), c = Double(rng.nextInt(below: 3))
            x += [a, b, c]
            y.append(sin(5 * a) + (b - 0.3) * (b - 0.3) + 0.2 * c)
        }
        return (x, GPTrainingSet.standardize(y).values)
    }

    static let categorical = [false, false, true]
    static let hyper = GPHyperparameters(inverseSquaredLengthscales: [3, 0.8, 0.5], scale: 1.2, noise: 1e-4)
    static let probes: [Double] = [0.1, 0.9, 0, 0.5, 0.5, 1, 0.77, 0.2, 2, 0.33, 0.61, 0]

    @Test func grownModelEqualsOneConditionedFromScratch() throws {
        let (x, y) = Self.data(12)
        let small = try GaussianProcess(x: Array(x[0..<(9 * 3)]), y: Array(y[0..<9]), hyperparameters: Self.hyper, categorical: Self.categorical)
        // New standardized values for every point, as after re-standardizing with three more.
        let grown = try #require(small.extended(to: x, values: y))
        let fresh = try GaussianProcess(x: x, y: y, hyperparameters: Self.hyper, categorical: Self.categorical)
        #expect(grown.count == 12)
        for i in 0..<(12 * 12) { #expect(abs(grown.factor.lower[i] - fresh.factor.lower[i]) < 1e-12) }
        let a = grown.posterior(points: Self.probes, count: 4)
        let b = fresh.posterior(points: Self.probes, count: 4)
        for i in 0..<4 {
            #expect(abs(a.mean[i] - b.mean[i]) < 1e-10)
            #expect(abs(a.variance[i] - b.variance[i]) < 1e-10)
        }
    }

    @Test func growingRefusesPointsThatDoNotExtendTheCachedOnes() throws {
        let (x, y) = Self.data(10)
        let model = try GaussianProcess(x: Array(x[0..<24]), y: Array(y[0..<8]), hyperparameters: Self.hyper, categorical: Self.categorical)
        var moved = x
        moved[4] += 0.01
        #expect(model.extended(to: moved, values: y) == nil)
        #expect(model.extended(to: Array(x[0..<21]), values: Array(y[0..<7])) == nil)
        #expect(model.extended(to: x, values: y) != nil)
    }

    @Test func refitsOnScheduleAndGrowsInBetween() throws {
        var cache = GPModelCache(refitFraction: 0.25)
        var rng = SeededGenerator(seed: 2)
        let (x, y) = Self.data(16)
        func step(_ n: Int) -> GaussianProcess? {
            cache.model(points: Array(x[0..<(n * 3)]), values: Array(y[0..<n]), categorical: Self.categorical, fixedNoise: false, restarts: 0, generator: &rng)
        }
        _ = try #require(step(10))
        let first = try #require(cache.raw)
        #expect(cache.fittedCount == 10)
        // 11 and 12 points: fewer than max(1, ⌊0.25 n⌋) new ones, so the fit is kept and the
        // factor grows; the model equals one built from scratch with the same hyper-parameters.
        for n in [11, 12] {
            let model = try #require(step(n))
            #expect(cache.raw == first)
            #expect(cache.fittedCount == 10)
            let fresh = try GaussianProcess(
                x: Array(x[0..<(n * 3)]), y: Array(y[0..<n]), hyperparameters: GPHyperparameters(raw: first), categorical: Self.categorical)
            let a = model.posterior(points: Self.probes, count: 4), b = fresh.posterior(points: Self.probes, count: 4)
            for i in 0..<4 { #expect(abs(a.mean[i] - b.mean[i]) < 1e-9) }
        }
        // 13 points: three new ones reach ⌊0.25 · 13⌋ = 3, a refit.
        _ = try #require(step(13))
        #expect(cache.fittedCount == 13)
        #expect(GPModelCache(refitFraction: 0).refitDue(count: 500, fitted: 499))
        #expect(!GPModelCache(refitFraction: 0.05).refitDue(count: 200, fitted: 191))
        #expect(GPModelCache(refitFraction: 0.05).refitDue(count: 200, fitted: 190))
    }

    @Test func warmRefitReachesTheColdFitsHyperparameters() {
        let (x, y) = Self.data(40, seed: 5)
        var rng = SeededGenerator(seed: 6)
        let full = GPMarginalLikelihood(x: x, y: y, categorical: Self.categorical, fixedNoise: false)
        var coldMemory = LBFGSMemory(capacity: 10)
        let cold = GPHyperparameterFit.maximumAPosteriori(full, warmStart: nil, memory: &coldMemory, restarts: 4, generator: &rng)
        // Fit on 36 points, then refit warm on all 40, as the strategy does between asks.
        let partial = GPMarginalLikelihood(x: Array(x[0..<108]), y: Array(y[0..<36]), categorical: Self.categorical, fixedNoise: false)
        var memory = LBFGSMemory(capacity: 10)
        let early = GPHyperparameterFit.maximumAPosteriori(partial, warmStart: nil, memory: &memory, restarts: 4, generator: &rng)
        let warm = GPHyperparameterFit.maximumAPosteriori(full, warmStart: early, memory: &memory, restarts: 4, generator: &rng)
        let coldValue = full.negativeLogPosterior(raw: cold), warmValue = full.negativeLogPosterior(raw: warm)
        #expect(abs(coldValue - warmValue) < 1e-2 * max(1, abs(coldValue)))
        for k in cold.indices.dropLast() { #expect(abs(cold[k] - warm[k]) < 0.25) }
    }

    @Test func likelihoodWithStoredDistancesEqualsTheOneWithout() {
        let (x, y) = Self.data(15)
        let stored = GPMarginalLikelihood(x: x, y: y, categorical: Self.categorical, fixedNoise: false)
        let recomputed = GPMarginalLikelihood(x: x, y: y, categorical: Self.categorical, fixedNoise: false, pairLimit: 0)
        let raw = Self.hyper.raw
        var g1 = [Double](repeating: 0, count: 5), g2 = [Double](repeating: 0, count: 5)
        let v1 = stored.negativeLogPosterior(raw: raw, gradient: &g1)
        let v2 = recomputed.negativeLogPosterior(raw: raw, gradient: &g2)
        #expect(abs(v1 - v2) < 1e-10 * max(1, abs(v1)))
        for k in 0..<5 { #expect(abs(g1[k] - g2[k]) < 1e-9 * max(1, abs(g1[k]))) }
        // A reused workspace gives the same numbers as a fresh one, at another θ too.
        var workspace = GPMarginalLikelihood.Workspace()
        var g3 = [Double](repeating: 0, count: 5)
        _ = stored.negativeLogPosterior(raw: raw.map { $0 + 0.3 }, gradient: &g3, wantsGradient: true, workspace: &workspace)
        let v3 = stored.negativeLogPosterior(raw: raw, gradient: &g3, wantsGradient: true, workspace: &workspace)
        #expect(v3 == v1)
        #expect(g3 == g1)
    }

    @Test func crossCovarianceEqualsTheKernelPointByPoint() {
        let (x, _) = Self.data(7)
        let kernel = Self.hyper.kernel(categorical: Self.categorical)
        let cross = kernel.crossCovariance(Self.probes, count: 4, x, count: 7)
        for i in 0..<4 {
            for j in 0..<7 {
                let direct = kernel(Array(Self.probes[(i * 3)..<(i * 3 + 3)]), Array(x[(j * 3)..<(j * 3 + 3)]))
                #expect(abs(cross[i * 7 + j] - direct) < 1e-15 * max(1, direct))
            }
        }
        // Coincident points: r² is exactly 0, so k is exactly the scale.
        #expect(kernel.crossCovariance(Array(x[0..<3]), count: 1, Array(x[0..<3]), count: 1) == [1.2])
    }
}
