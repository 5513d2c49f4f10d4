import AutoMLNumerics
import Foundation
import Testing
@testable import AutoMLStrategies

/// The GP posterior and marginal likelihood against closed forms computed here with plain loops.
@Suite struct GPModelTests {
    /// Four points in 2-D, the second coordinate categorical (3 choices, stored as indices).
    static let x: [Double] = [0.1, 0, 0.5, 2, 0.9, 0, 0.3, 1]
    static let y: [Double] = [0.5, -1.0, 0.3, 1.2]
    static let categorical = [false, true]
    static let hyper = GPHyperparameters(inverseSquaredLengthscales: [4, 0.7], scale: 1.3, noise: 0.01)

    /// Matérn-5/2 written in terms of r (not r²), Hamming distance on the categorical coordinate.
    static func kernel(_ a: [Double], _ b: [Double]) -> Double {
        let continuous = (a[0] - b[0]) * (a[0] - b[0]) * 4
        let hamming = a[1] == b[1] ? 0.0 : 0.7
        let r = (continuous + hamming).squareRoot()
        return 1.3 * (1 + 5.0.squareRoot() * r + 5 * r * r / 3) * exp(-5.0.squareRoot() * r)
    }

    static func point(_ i: Int) -> [Double] { [x[2 * i], x[2 * i + 1]] }

    /// Inverse by Gauss-Jordan elimination with partial pivoting.
    static func invert(_ a: [[Double]]) -> [[Double]] {
        let n = a.count
        var m = a.enumerated().map { i, row in row + (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        for col in 0..<n {
            let pivot = (col..<n).max { abs(m[$0][col]) < abs(m[$1][col]) } ?? col
            m.swapAt(col, pivot)
            let p = m[col][col]
            m[col] = m[col].map { $0 / p }
            for r in 0..<n where r != col {
                let f = m[r][col]
                for c in 0..<(2 * n) { m[r][c] -= f * m[col][c] }
            }
        }
        return m.map { Array($0[n...]) }
    }

    static var covariance: [[Double]] {
        (0..<4).map { i in (0..<4).map { j in kernel(point(i), point(j)) + (i == j ? 0.01 : 0) } }
    }

    @Test func posteriorEqualsTheClosedForm() throws {
        let gp = try GaussianProcess(x: Self.x, y: Self.y, hyperparameters: Self.hyper, categorical: Self.categorical)
        let inverse = Self.invert(Self.covariance)
        let tests: [[Double]] = [[0.4, 0], [0.7, 2], [0.1, 1], [0.9, 0]]
        let (means, variances) = gp.posterior(points: tests.flatMap { $0 }, count: tests.count)
        for (t, point) in tests.enumerated() {
            let k = (0..<4).map { Self.kernel(point, Self.point($0)) }
            var mean = 0.0, explained = 0.0
            for i in 0..<4 {
                for j in 0..<4 {
                    mean += k[i] * inverse[i][j] * Self.y[j]
                    explained += k[i] * inverse[i][j] * k[j]
                }
            }
            #expect(abs(means[t] - mean) < 1e-12)
            #expect(abs(variances[t] - (1.3 - explained)) < 1e-12)
            let single = gp.posteriorWithGradient(at: point, coordinates: [0])
            #expect(abs(single.mean - mean) < 1e-12)
            #expect(abs(single.variance - (1.3 - explained)) < 1e-12)
        }
    }

    @Test func posteriorGradientsMatchFiniteDifferences() throws {
        let gp = try GaussianProcess(x: Self.x, y: Self.y, hyperparameters: Self.hyper, categorical: Self.categorical)
        let z = [0.37, 1.0]
        let p = gp.posteriorWithGradient(at: z, coordinates: [0])
        let h = 1e-6
        let up = gp.posterior(points: [z[0] + h, z[1]], count: 1)
        let down = gp.posterior(points: [z[0] - h, z[1]], count: 1)
        #expect(abs(p.dMean[0] - (up.mean[0] - down.mean[0]) / (2 * h)) < 1e-6)
        #expect(abs(p.dVariance[0] - (up.variance[0] - down.variance[0]) / (2 * h)) < 1e-6)
    }

    @Test func believerKeepsTheMeanAndCollapsesTheVariance() throws {
        var gp = try GaussianProcess(x: Self.x, y: Self.y, hyperparameters: Self.hyper, categorical: Self.categorical)
        let probe: [Double] = [0.6, 0, 0.2, 2]
        let before = gp.posterior(points: probe, count: 2)
        gp.appendBeliever(at: [0.6, 0])
        let after = gp.posterior(points: probe, count: 2)
        #expect(gp.count == 5)
        for i in 0..<2 { #expect(abs(after.mean[i] - before.mean[i]) < 1e-9) }
        // At the believer the variance drops to about the noise; elsewhere it cannot grow.
        #expect(after.variance[0] < 0.011)
        #expect(after.variance[0] < before.variance[0])
        #expect(after.variance[1] <= before.variance[1] + 1e-12)
        // The grown model equals one conditioned from scratch on the believed value.
        let rebuilt = try GaussianProcess(x: Self.x + [0.6, 0], y: Self.y + [before.mean[0]], hyperparameters: Self.hyper, categorical: Self.categorical)
        let check = rebuilt.posterior(points: probe, count: 2)
        for i in 0..<2 {
            #expect(abs(check.mean[i] - after.mean[i]) < 1e-9)
            #expect(abs(check.variance[i] - after.variance[i]) < 1e-9)
        }
    }

    @Test func marginalLikelihoodEqualsTheClosedForm() {
        let likelihood = GPMarginalLikelihood(x: Self.x, y: Self.y, categorical: Self.categorical, fixedNoise: false)
        let raw = Self.hyper.raw
        // -log N(y; 0, C) by hand: ½ yᵀC⁻¹y + ½ log det C + ½ n log 2π, det from the LU pivots.
        let c = Self.covariance
        let inverse = Self.invert(c)
        var quadratic = 0.0
        for i in 0..<4 { for j in 0..<4 { quadratic += Self.y[i] * inverse[i][j] * Self.y[j] } }
        var m = c, logDet = 0.0
        for col in 0..<4 {
            for r in (col + 1)..<4 {
                let f = m[r][col] / m[col][col]
                for k in col..<4 { m[r][k] -= f * m[col][k] }
            }
            logDet += log(m[col][col])
        }
        let nll = 0.5 * quadratic + 0.5 * logDet + 2 * log(2 * Double.pi)
        // The prior, by hand, on the natural parameters.
        let w = [4.0, 0.7]
        let logPrior = -(0.1 / w[0] + 0.1 * w[0]) - (0.1 / w[1] + 0.1 * w[1]) + (log(1.3) - 1.3) + (0.1 * log(0.01) - 30 * 0.01)
        let value = likelihood.negativeLogPosterior(raw: raw)
        #expect(abs(value - (nll - logPrior)) < 1e-9)
    }

    @Test func marginalLikelihoodGradientMatchesFiniteDifferences() {
        let likelihood = GPMarginalLikelihood(x: Self.x, y: Self.y, categorical: Self.categorical, fixedNoise: false)
        let raw = Self.hyper.raw
        var gradient = [Double](repeating: 0, count: 4)
        let value = likelihood.negativeLogPosterior(raw: raw, gradient: &gradient)
        #expect(abs(value - likelihood.negativeLogPosterior(raw: raw)) < 1e-12)
        let h = 1e-6
        for k in 0..<4 {
            var up = raw, down = raw
            up[k] += h
            down[k] -= h
            let numeric = (likelihood.negativeLogPosterior(raw: up) - likelihood.negativeLogPosterior(raw: down)) / (2 * h)
            #expect(abs(gradient[k] - numeric) < 1e-5 * max(1, abs(numeric)))
        }
    }

    @Test func fitRecoversALongLengthscaleForAnIrrelevantCoordinate() {
        // y depends on the first coordinate only: the fitted length scale of the second must be
        // much longer than that of the first.
        var rng = SeededGenerator(seed: 3)
        var x: [Double] = []
        var y: [Double] = []
        for _ in 0..<30 {
            let a = rng.nextUnit(), b = rng.nextUnit()
            x += [a, b]
            y.append(sin(6 * a))
        }
        let standardized = GPTrainingSet.standardize(y).values
        let likelihood = GPMarginalLikelihood(x: x, y: standardized, categorical: [false, false], fixedNoise: false)
        var memory = LBFGSMemory(capacity: 10)
        let raw = GPHyperparameterFit.maximumAPosteriori(likelihood, warmStart: nil, memory: &memory, restarts: 2, generator: &rng)
        let fit = GPHyperparameters(raw: raw)
        #expect(fit.lengthscales[1] > 3 * fit.lengthscales[0])
        #expect(likelihood.negativeLogPosterior(raw: raw) < likelihood.negativeLogPosterior(raw: GPHyperparameters.initial(dimension: 2).raw))
    }
}
