import Testing
@testable import AutoMLNAS

@Suite struct NetScoreTests {
    /// At 100% accuracy, 1M parameters and 1M MACs the costs vanish: Ω = 20·2·log10(100) = 80.
    @Test func perfectAccuracyAtOneMillionOfEachScoresEighty() throws {
        let score = try #require(NetScore.score(accuracy: 1, parameters: 1_000_000, macs: 1_000_000))
        #expect(abs(score - 80) < 1e-9)
    }

    /// Quartering the parameters gains 20·0.5·log10(4) ≈ 6.02 points.
    @Test func fewerParametersScoreHigherAtEqualAccuracy() throws {
        let big = try #require(NetScore.score(accuracy: 0.9, parameters: 400_000, macs: 1_000_000))
        let small = try #require(NetScore.score(accuracy: 0.9, parameters: 100_000, macs: 1_000_000))
        #expect(abs((small - big) - 10 * 0.60206) < 1e-3)
    }

    @Test func degenerateNetworksHaveNoScore() {
        #expect(NetScore.score(accuracy: 0, parameters: 10, macs: 10) == nil)
        #expect(NetScore.score(accuracy: 0.5, parameters: 0, macs: 10) == nil)
    }
}
