import Testing
@testable import AutoMLNumerics

@Suite struct SliceSamplerTests {
    static func moments(_ values: [Double]) -> (mean: Double, variance: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return (mean, variance)
    }

    @Test func samplesACorrelatedGaussianWithTheRightMoments() {
        // N(μ = (1, -2), Σ = [[1, 0.5], [0.5, 2]]).
        let inverse = [[8.0 / 7, -2.0 / 7], [-2.0 / 7, 4.0 / 7]]
        var rng = SeededGenerator(seed: 11)
        let draws = SliceSampler(widths: [1, 1]).sample(
            from: [0, 0], count: 4000, burnIn: 50, lower: [-20, -20], upper: [20, 20], generator: &rng
        ) { x in
            let d = [x[0] - 1, x[1] + 2]
            return -0.5 * (d[0] * (inverse[0][0] * d[0] + inverse[0][1] * d[1]) + d[1] * (inverse[1][0] * d[0] + inverse[1][1] * d[1]))
        }
        let first = Self.moments(draws.map { $0[0] })
        let second = Self.moments(draws.map { $0[1] })
        #expect(abs(first.mean - 1) < 0.1)
        #expect(abs(second.mean + 2) < 0.15)
        #expect(abs(first.variance - 1) < 0.15)
        #expect(abs(second.variance - 2) < 0.3)
    }

    @Test func staysInsideTheBoxAndIsDeterministic() {
        func run() -> [[Double]] {
            var rng = SeededGenerator(seed: 3)
            return SliceSampler(widths: [5]).sample(from: [0.5], count: 200, burnIn: 0, lower: [0], upper: [1], generator: &rng) { _ in 0 }
        }
        let draws = run()
        #expect(draws.allSatisfy { $0[0] >= 0 && $0[0] <= 1 })
        #expect(draws == run())
        // Uniform on [0, 1]: mean near 0.5.
        #expect(abs(Self.moments(draws.map { $0[0] }).mean - 0.5) < 0.06)
    }
}
