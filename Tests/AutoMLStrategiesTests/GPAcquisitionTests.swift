import AutoMLNumerics
import Foundation
import Testing
@testable import AutoMLStrategies

/// Acquisition values against their definitions, and their partial derivatives.
@Suite struct GPAcquisitionTests {
    @Test func logEIIsTheLogOfEI() {
        let log = AcquisitionFunction(kind: .logEI, best: -0.3, beta: 4)
        let plain = AcquisitionFunction(kind: .ei, best: -0.3, beta: 4)
        for (mean, variance) in [(0.0, 1.0), (-0.5, 0.2), (1.5, 0.01)] {
            let a = log.evaluate(mean: mean, variance: variance, model: 0).value
            let b = plain.evaluate(mean: mean, variance: variance, model: 0).value
            #expect(abs(a - Foundation.log(b)) < 1e-9)
        }
        // Where EI underflows, log-EI still ranks points.
        let far = plain.evaluate(mean: 50, variance: 1, model: 0).value
        #expect(far == 0)
        let farther = log.evaluate(mean: 51, variance: 1, model: 0).value
        #expect(log.evaluate(mean: 50, variance: 1, model: 0).value > farther)
        #expect(farther.isFinite)
    }

    @Test func upperConfidenceBoundAndPIHaveTheirClosedForms() {
        let ucb = AcquisitionFunction(kind: .ucb, best: 0, beta: 9)
        #expect(abs(ucb.evaluate(mean: 0.5, variance: 4, model: 0).value - (-0.5 + 3 * 2)) < 1e-5)
        let pi = AcquisitionFunction(kind: .pi, best: 0.2, beta: 4)
        #expect(abs(pi.evaluate(mean: 0.2, variance: 1, model: 0).value - Foundation.log(0.5)) < 1e-9)
    }

    @Test(arguments: AcquisitionFunction.Kind.allCases)
    func partialDerivativesMatchFiniteDifferences(_ kind: AcquisitionFunction.Kind) {
        var function = AcquisitionFunction(kind: kind, best: -0.2, beta: 4)
        function.minimumSamples = [[-1.5, -1.1, -0.9]]
        for (mean, variance) in [(0.3, 0.5), (-0.4, 0.05), (2.0, 0.3)] {
            let a = function.evaluate(mean: mean, variance: variance, model: 0)
            let h = 1e-6
            let dMean = (function.evaluate(mean: mean + h, variance: variance, model: 0).value - function.evaluate(mean: mean - h, variance: variance, model: 0).value) / (2 * h)
            let dVariance = (function.evaluate(mean: mean, variance: variance + h, model: 0).value - function.evaluate(mean: mean, variance: variance - h, model: 0).value) / (2 * h)
            #expect(abs(a.dMean - dMean) < 1e-5 * max(1, abs(dMean)))
            #expect(abs(a.dVariance - dVariance) < 1e-5 * max(1, abs(dVariance)))
            #expect(function.value(mean: mean, variance: variance, model: 0) == a.value)
        }
    }

    @Test func maxValueEntropyPrefersUncertainPointsNearTheMinimum() {
        var function = AcquisitionFunction(kind: .mes, best: 0, beta: 4)
        function.minimumSamples = [[-1.2, -1.0, -0.8]]
        let confidentHigh = function.evaluate(mean: 1, variance: 0.01, model: 0).value
        let uncertainLow = function.evaluate(mean: -0.5, variance: 0.5, model: 0).value
        #expect(uncertainLow > confidentHigh)
        #expect(confidentHigh >= 0)
    }

    @Test func minimumValueSamplesLieBelowThePosteriorMeans() {
        var rng = SeededGenerator(seed: 5)
        let means = (0..<200).map { Double($0) / 100 - 1 }
        let variances = Array(repeating: 0.04, count: 200)
        let samples = MinimumValueSampler.sample(means: means, variances: variances, count: 50, generator: &rng)
        #expect(samples.count == 50)
        #expect(samples.allSatisfy { $0 < -1 })
        // The minimum of 200 values near -1 with σ = 0.2 is typically some 0.2–0.6 below -1.
        let mean = samples.reduce(0, +) / 50
        #expect(mean > -1.8 && mean < -1.1)
    }

    @Test func integratedAcquisitionAveragesTheModels() throws {
        let x: [Double] = [0.1, 0.5, 0.9]
        let y: [Double] = [1, -1, 0.5]
        let a = try GaussianProcess(x: x, y: y, hyperparameters: GPHyperparameters(inverseSquaredLengthscales: [10], scale: 1, noise: 1e-4), categorical: [false])
        let b = try GaussianProcess(x: x, y: y, hyperparameters: GPHyperparameters(inverseSquaredLengthscales: [1], scale: 2, noise: 1e-3), categorical: [false])
        let function = AcquisitionFunction(kind: .logEI, best: -1, beta: 4)
        let both = AcquisitionSurface(models: [a, b], function: function, cost: nil)
        let single = [AcquisitionSurface(models: [a], function: function, cost: nil), AcquisitionSurface(models: [b], function: function, cost: nil)]
        let point: [Double] = [0.3]
        let combined = both.values(points: point, count: 1)[0]
        let separate = single.map { $0.values(points: point, count: 1)[0] }
        #expect(abs(combined - log((exp(separate[0]) + exp(separate[1])) / 2)) < 1e-12)
        // The gradient of the combination matches finite differences.
        let (value, gradient) = both.valueAndGradient(at: point, coordinates: [0])
        #expect(abs(value - combined) < 1e-12)
        let h = 1e-6
        let numeric = (both.values(points: [0.3 + h], count: 1)[0] - both.values(points: [0.3 - h], count: 1)[0]) / (2 * h)
        #expect(abs(gradient[0] - numeric) < 1e-5 * max(1, abs(numeric)))
    }
}
