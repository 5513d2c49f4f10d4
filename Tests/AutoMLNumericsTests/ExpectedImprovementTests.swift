import Foundation
import Testing
@testable import AutoMLNumerics

/// Known answers for EI and log-EI; reference values from mpmath at 60 digits.
@Suite struct ExpectedImprovementTests {
    @Test(arguments: [
        (-1e4, -50000019.339619307157), (-1000.0, -500014.73445209115845), (-100.0, -5010.1295788002497923),
        (-40.0, -808.29856835661996024), (-38.5, -749.3472742078229216), (-10.0, -55.553122036122355927),
        (-5.0, -16.744301162660990143), (-4.0000001, -11.849062020799043126), (-4.0, -11.849061577550663111),
        (-3.9999, -11.848618333761355873), (-3.0, -7.8696860596030285171), (-1.0, -2.4851210257126413368),
        (0.0, -0.91893853320467274178), (0.5, -0.35982768374506381859), (2.0, 0.69738354578822831219),
        (10.0, 2.302585092994045684), (40.0, 3.6888794541139363029),
    ])
    func logHMatchesTheAnalyticValue(_ z: Double, _ expected: Double) {
        let value = ExpectedImprovement.logH(z)
        #expect(abs(value - expected) <= 1e-13 * max(abs(expected), 1))
    }

    @Test(arguments: [
        (-10.0, 7.4745602545893280366e-25), (-5.0, 5.3461655338328149539e-8), (-3.0, 0.00038215431704772359565),
        (-1.0, 0.083315470587686298383), (0.0, 0.39894228040143267794), (2.0, 2.0084907026168296375),
    ])
    func hMatchesTheAnalyticValue(_ z: Double, _ expected: Double) {
        #expect(abs(ExpectedImprovement.h(z) - expected) <= 1e-12 * expected)
    }

    @Test func logEIIsFiniteAndAccurateWhereEIUnderflows() {
        // h(-40) ≈ 9.1e-352 is below the smallest double: plain EI is exactly zero there.
        let plain = NormalDistribution.pdf(-40) + -40 * NormalDistribution.cdf(-40)
        #expect(plain == 0)
        #expect(ExpectedImprovement.h(-40) == 0)
        let logEI = ExpectedImprovement.logValue(mean: 40, variance: 1, best: 0)
        #expect(abs(logEI - -808.29856835661996024) < 1e-10)
        // Strictly increasing in z, so an optimizer still sees a slope.
        #expect(ExpectedImprovement.logH(-41) < ExpectedImprovement.logH(-40))
    }

    @Test func expectedImprovementMatchesNumericalIntegration() {
        // E[max(0, 0.5 - f)] for f ~ N(1, 4), integrated with mpmath.quad.
        #expect(abs(ExpectedImprovement.value(mean: 1, variance: 4, best: 0.5) - 0.572689396447160276) < 1e-14)
        // At the incumbent the improvement is σ φ(0).
        #expect(abs(ExpectedImprovement.value(mean: 0, variance: 9, best: 0) - 3 * 0.39894228040143267794) < 1e-14)
        #expect(abs(ExpectedImprovement.logValue(mean: 1, variance: 4, best: 0.5) - log(0.572689396447160276)) < 1e-13)
    }

    @Test(arguments: [-1e4, -100.0, -40.0, -10.0, -5.0, -4.0, -3.0, -1.0, 0.0, 2.0, 10.0, 40.0])
    func logHDerivativeIsCDFOverH(_ z: Double) {
        let expected: [Double: Double] = [
            -1e4: 10000.000199999994, -100: 100.01999400419586505, -40: 40.049906657648518193,
            -10: 10.194383033412553306, -5: 5.3618162412880885298, -4: 4.4324837418731182906,
            -3: 3.5323375176251605167, -1: 1.9042712333296918229, 0: 1.2533141373155002512,
            2: 0.48655931878528386862, 10: 0.1, 40: 0.025,
        ]
        let value = ExpectedImprovement.logHDerivative(z)
        let reference = expected[z] ?? .nan
        #expect(abs(value - reference) <= 1e-12 * reference)
    }
}
