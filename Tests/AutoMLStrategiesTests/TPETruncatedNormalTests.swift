import AutoMLNumerics
import Testing

@testable import AutoMLStrategies

/// Known answers for TPE's truncated normal kernels. Expected values were computed with SciPy
/// 1.17 (`scipy.stats.truncnorm`, `scipy.special.log_ndtr`, `scipy.special.ndtri`) and mpmath
/// at 60 digits for the interval masses.
@Suite struct TPETruncatedNormalTests {
    static func close(_ x: Double, _ y: Double, relative: Double = 1e-12) -> Bool {
        abs(x - y) <= relative * max(1, abs(y))
    }

    @Test(arguments: [
        // (x, mean, sd, low, high, logpdf, cdf)
        (0.3, 0.5, 0.2, 0.0, 1.0, 0.20299647429333256, 0.1543626696401989),
        (0.0, 0.0, 0.05, 0.0, 1.0, 2.7699409209092636, 0.0),
        (0.95, 0.1, 0.3, 0.0, 1.0, -3.265562435153339, 0.998484814328779),
        (0.5, 0.5, 1.0, 0.0, 1.0, 0.04097780049094957, 0.5000000000000002),
        (2.5, -1.0, 0.5, 1.0, 3.0, -14.365689866097794, 0.9999999596103476),
    ])
    func logPDFAndCDFMatchSciPy(_ c: (Double, Double, Double, Double, Double, Double, Double)) {
        let logPDF = TruncatedNormal.logPDF(c.0, mean: c.1, sd: c.2, low: c.3, high: c.4)
        let cdf = TruncatedNormal.cdf(c.0, mean: c.1, sd: c.2, low: c.3, high: c.4)
        #expect(Self.close(logPDF, c.5, relative: 1e-11))
        #expect(Self.close(cdf, c.6, relative: 1e-11))
    }

    @Test func densityIsZeroOutsideTheInterval() {
        #expect(TruncatedNormal.logPDF(-0.01, mean: 0.5, sd: 0.2, low: 0, high: 1) == -.infinity)
        #expect(TruncatedNormal.logPDF(1.01, mean: 0.5, sd: 0.2, low: 0, high: 1) == -.infinity)
        #expect(TruncatedNormal.cdf(1.5, mean: 0.5, sd: 0.2, low: 0, high: 1) == 1)
    }

    @Test(arguments: [
        (-40.0, -804.6084420137539), (-25.0, -316.63940800802027), (-5.0, -15.064998393988727),
        (0.0, -0.6931471805599453), (3.0, -0.0013508099647481925), (8.0, -6.220960574271742e-16),
    ])
    func logCDFMatchesSciPyIncludingTheFarTail(_ c: (Double, Double)) {
        #expect(Self.close(TruncatedNormal.logCDF(c.0), c.1, relative: 1e-12))
    }

    @Test(arguments: [
        (-1.0, 2.0, -0.2001662943244626), (-30.0, -29.0, -424.7874199097303), (29.0, 30.0, -424.7874199097303),
        (5.0, 5.000001, -27.234451591028293), (-0.5, 0.5, -0.9599163336956223), (-1e-7, 1e-7, -16.343887003603047),
    ])
    func logMassIsAccurateInTailsAndNarrowIntervals(_ c: (Double, Double, Double)) {
        #expect(Self.close(TruncatedNormal.logMass(from: c.0, to: c.1), c.2, relative: 1e-10))
    }

    @Test func logMassOfAnEmptyIntervalIsMinusInfinity() {
        #expect(TruncatedNormal.logMass(from: 1, to: 1) == -.infinity)
        #expect(TruncatedNormal.logMass(from: 2, to: 1) == -.infinity)
    }

    @Test(arguments: [
        (1e-300, -37.0470962993612), (1e-10, -6.361340902404056), (0.025, -1.9599639845400545),
        (0.3, -0.5244005127080409), (0.5, 0.0), (0.9, 1.2815515655446004),
    ])
    func quantileMatchesSciPy(_ c: (Double, Double)) {
        #expect(Self.close(TruncatedNormal.quantile(c.0), c.1, relative: 1e-13))
    }

    @Test(arguments: [
        (0.5, -1.0, 2.0, 0.17116391801782482), (0.1, 0.0, 1.0, 0.08566710699582025),
        (0.9, -3.0, -1.0, -1.0672710948611956), (0.3, 1.0, 40.0, 1.220917242076627),
    ])
    func truncatedQuantileMatchesSciPy(_ c: (Double, Double, Double, Double)) {
        #expect(Self.close(TruncatedNormal.standardQuantile(c.0, a: c.1, b: c.2), c.3, relative: 1e-12))
    }

    @Test func samplesStayInsideTheBoundsAndFollowTheDistribution() {
        var rng = SeededGenerator(seed: 3)
        let n = 4000
        var below = 0
        for _ in 0..<n {
            let x = TruncatedNormal.sample(mean: 0.1, sd: 0.3, low: 0, high: 1, using: &rng)
            #expect(x >= 0 && x <= 1)
            if x < 0.3 { below += 1 }
        }
        // P(X < 0.3) = cdf(0.3) ≈ 0.6009 for this kernel (SciPy); 4000 draws put it within ±0.03.
        let expected = TruncatedNormal.cdf(0.3, mean: 0.1, sd: 0.3, low: 0, high: 1)
        #expect(abs(Double(below) / Double(n) - expected) < 0.03)
    }
}
