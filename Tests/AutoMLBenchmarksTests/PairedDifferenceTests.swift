import AutoMLBenchmarks
import Testing

@Suite struct PairedDifferenceTests {
    /// Nine wins and one loss: P(X <= 1) for X ~ Binomial(10, 1/2) is 11/1024, twice that
    /// two-sided.
    @Test func theSignTestIsTheExactTwoSidedBinomialTail() {
        #expect(abs(PairedDifference.signTest(wins: 9, losses: 1) - 22.0 / 1024) < 1e-12)
        #expect(abs(PairedDifference.signTest(wins: 1, losses: 9) - 22.0 / 1024) < 1e-12)
        #expect(abs(PairedDifference.signTest(wins: 5, losses: 0) - 2.0 / 32) < 1e-12)
        #expect(PairedDifference.signTest(wins: 5, losses: 5) == 1)
        #expect(PairedDifference.signTest(wins: 0, losses: 0) == 1)
        // Thousands of pairs stay finite (the terms are summed in log space).
        let p = PairedDifference.signTest(wins: 1_100, losses: 900)
        #expect(p > 0 && p < 1e-4)
    }

    @Test func tiesCountApartAndLeaveTheSignTest() {
        let d = PairedDifference(pairs: [(0.99, 0.98), (0.985, 0.985), (0.97, 0.98), (0.99, 0.97)])
        #expect(d.wins == 2 && d.ties == 1 && d.losses == 1 && d.pairs == 4)
        #expect(d.signTestP == PairedDifference.signTest(wins: 2, losses: 1))
    }

    /// Differences 1, 2, 3: mean 2, sample standard deviation 1, standard error 1/√3.
    @Test func theMeanDifferenceCarriesItsStandardError() {
        let d = PairedDifference(pairs: [(1, 0), (5, 3), (3, 0)])
        #expect(abs(d.meanDifference - 2) < 1e-12)
        #expect(abs(d.standardError - 1 / 3.0.squareRoot()) < 1e-12)
        let one = PairedDifference(pairs: [(1, 0)])
        #expect(one.standardError.isNaN && one.json["standardError"] == .null)
    }
}
