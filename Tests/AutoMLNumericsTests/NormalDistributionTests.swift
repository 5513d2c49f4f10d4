import Foundation
import Testing
@testable import AutoMLNumerics

/// Reference values computed with mpmath at 60 digits.
@Suite struct NormalDistributionTests {
    static func close(_ a: Double, _ b: Double, relative: Double = 1e-13) -> Bool {
        abs(a - b) <= relative * max(abs(b), 1e-300)
    }

    @Test func cdfAndPDFMatchReferenceValues() {
        #expect(Self.close(NormalDistribution.cdf(-1), 0.15865525393145705141))
        #expect(Self.close(NormalDistribution.cdf(0.5), 0.69146246127401310364))
        #expect(Self.close(NormalDistribution.cdf(-5), 2.8665157187919391167e-7, relative: 1e-12))
        #expect(Self.close(NormalDistribution.pdf(0), 0.39894228040143267794))
        #expect(Self.close(NormalDistribution.logPDF(3), -0.5 * 9 - 0.91893853320467274178))
    }

    @Test(arguments: [
        (-1e4, -50000010.129278915181), (-1000.0, -500007.82669481218431), (-100.0, -5005.5242086942050886),
        (-40.0, -804.60844201375378817), (-10.0, -53.231285150512470578), (-5.0, -15.064998393988725736),
        (-4.0, -10.360101486527290828), (-3.9999, -10.359678930579473821), (-1.0, -1.8410216450092635058),
        (0.0, -0.69314718055994530942), (2.0, -0.023012909328963488465), (6.0, -9.8658764552437573169e-10),
    ])
    func logCDFIsAccurateInBothTails(_ z: Double, _ expected: Double) {
        #expect(Self.close(NormalDistribution.logCDF(z), expected, relative: 1e-13))
    }

    @Test func logCDFStaysFiniteWhereTheCDFUnderflows() {
        #expect(NormalDistribution.cdf(-40) == 0 || NormalDistribution.cdf(-40) < 1e-300)
        #expect(NormalDistribution.logCDF(-40).isFinite)
        #expect(NormalDistribution.logCDF(-1e100).isFinite)
        #expect(NormalDistribution.logCDF(.infinity) == 0)
        #expect(NormalDistribution.logCDF(-.infinity) == -.infinity)
    }

    @Test(arguments: [
        (0.0, 1.2533141373155002512), (1.0, 0.65567954241879847154), (4.0, 0.23665238291356067062),
        (10.0, 0.099028596471731921395), (40.0, 0.024984404205720571147), (1000.0, 0.000999999000002999985),
    ])
    func millsRatioMatchesReferenceValues(_ t: Double, _ expected: Double) {
        #expect(Self.close(NormalDistribution.millsRatio(t), expected, relative: 1e-13))
    }

    @Test func continuedFractionAgreesWithErfcAtTheSwitch() {
        // Just below and at the threshold the two formulas must meet.
        let direct = 0.5 * erfc(4.0 / 2.0.squareRoot()) / NormalDistribution.pdf(4)
        let fraction = 1 / (4 + NormalDistribution.millsTail(4))
        #expect(Self.close(direct, fraction, relative: 1e-13))
    }

    @Test func lowerTailHazardIsPDFOverCDF() {
        for z in [-30.0, -6, -4, -2, 0, 3] {
            let expected = exp(NormalDistribution.logPDF(z) - NormalDistribution.logCDF(z))
            #expect(Self.close(NormalDistribution.hazardOfLowerTail(z), expected, relative: 1e-12))
        }
    }

    @Test(arguments: [1e-300, 1e-20, 1e-5, 0.02, 0.02425, 0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-12])
    func quantileInvertsTheCDF(_ p: Double) {
        let x = NormalDistribution.quantile(p)
        if p < 0.5 {
            #expect(abs(NormalDistribution.cdf(x) - p) <= 1e-13 * p)
        } else {
            // Compare upper tails, which carry the precision there.
            let tail = 0.5 * erfc(x / 2.0.squareRoot())
            #expect(abs(tail - (1 - p)) <= 1e-12 * (1 - p) + 1e-16)
        }
    }

    @Test func quantileHandlesTheEnds() {
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(1.5).isNaN)
        #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) < 1e-14)
        #expect(NormalDistribution.quantile(0.5) == 0)
    }
}
