import AutoMLNumerics
import Foundation
import Testing
@testable import AutoMLStrategies

/// BOHB's densities: statsmodels' normal reference rule in d dimensions, as HpBandSter fits them.
@Suite struct KernelDensitySamplerTests {
    @Test func bandwidthsFollowTheNormalReferenceRuleInDDimensions() {
        // One numeric coordinate and one categorical with three choices (its cells' centres).
        let points: [[Double]] = [[0.1, 0.5], [0.3, 0.5], [0.6, 5 / 6.0], [0.2, 1 / 6.0]]
        let kde = ProductKDE(points: points, categories: [nil, 3], minBandwidth: 1e-3)
        // 1.06 · np.std(column) · n^(-1/(4 + d)) with n = 4, d = 2 (not n^(-1/5)).
        let shrink = pow(4.0, -1.0 / 6)
        for (d, column) in [[0.1, 0.3, 0.6, 0.2], [0.5, 0.5, 5 / 6.0, 1 / 6.0]].enumerated() {
            let mean = column.reduce(0, +) / 4
            let sd = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4).squareRoot()
            #expect(abs(kde.bandwidths[d] - 1.06 * sd * shrink) < 1e-12)
        }
        // Identical values fall back to the minimum bandwidth.
        let flat = ProductKDE(points: [[0.4], [0.4], [0.4]], categories: [nil], minBandwidth: 1e-3)
        #expect(flat.bandwidths == [1e-3])
    }

    @Test func categoricalKernelIsAitchisonAitken() {
        // Binary coordinate at cells 0, 0, 0, 1: λ = 1.06 · √(3/64) · 4^(-1/5).
        let points: [[Double]] = [[0.25], [0.25], [0.25], [0.75]]
        let kde = ProductKDE(points: points, categories: [2], minBandwidth: 1e-3)
        let lambda = kde.bandwidths[0]
        #expect(abs(lambda - 1.06 * (3.0 / 64).squareRoot() * pow(4.0, -0.2)) < 1e-12)
        // Density of a category: the mean over points of 1 - λ (same) or λ (other).
        #expect(abs(kde.logDensity([0.25]) - log(0.75 * (1 - lambda) + 0.25 * lambda)) < 1e-12)
        #expect(abs(kde.logDensity([0.75]) - log(0.75 * lambda + 0.25 * (1 - lambda))) < 1e-12)
    }

    @Test func categoricalSamplesMoveWithProbabilityLambda() {
        let points: [[Double]] = [[0.25], [0.25], [0.25], [0.75]]
        let kde = ProductKDE(points: points, categories: [2], minBandwidth: 1e-3)
        let lambda = kde.bandwidths[0]
        var generator = SeededGenerator(seed: 11)
        let draws = 40_000
        var zeros = 0
        for _ in 0..<draws where kde.sampleAround(using: &generator, widen: 3)[0] < 0.5 { zeros += 1 }
        // A draw starts from a random point and leaves its category with probability λ.
        let expected = 0.75 * (1 - lambda) + 0.25 * lambda
        #expect(abs(Double(zeros) / Double(draws) - expected) < 0.01)
    }
}
