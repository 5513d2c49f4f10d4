import Testing
@testable import AutoMLNumerics

@Suite struct SeededGeneratorTests {
    @Test func sameSeedGivesSameStream() {
        var a = SeededGenerator(seed: 7)
        var b = SeededGenerator(seed: 7)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
    }

    @Test func differentSeedsDiverge() {
        var a = SeededGenerator(seed: 1)
        var b = SeededGenerator(seed: 2)
        let same = (0..<32).filter { _ in a.next() == b.next() }.count
        #expect(same == 0)
    }

    @Test func streamIsPinnedAcrossReleases() {
        // Golden values: changing the generator silently would break replay of stored journals.
        var mix = SplitMix64(state: 0)
        #expect(mix.next() == 0xE220_A839_7B1D_CDAF)
        var rng = SeededGenerator(seed: 0)
        let first = rng.next()
        var again = SeededGenerator(seed: 0)
        #expect(again.next() == first)
    }

    @Test func unitDrawsStayInRangeAndLookUniform() {
        var rng = SeededGenerator(seed: 3)
        var sum = 0.0
        let n = 20_000
        for _ in 0..<n {
            let u = rng.nextUnit()
            #expect(u >= 0 && u < 1)
            sum += u
        }
        #expect(abs(sum / Double(n) - 0.5) < 0.01)
    }

    @Test func boundedIntegersCoverEveryValue() {
        var rng = SeededGenerator(seed: 4)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<7_000 { counts[rng.nextInt(below: 7)] += 1 }
        #expect(counts.allSatisfy { $0 > 850 && $0 < 1150 })
    }

    @Test func gaussianHasUnitVariance() {
        var rng = SeededGenerator(seed: 5)
        let n = 20_000
        let xs = (0..<n).map { _ in rng.nextGaussian() }
        let mean = xs.reduce(0, +) / Double(n)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
        #expect(abs(mean) < 0.03)
        #expect(abs(variance - 1) < 0.05)
    }

    @Test func splitIsDeterministicAndIndependent() {
        var a = SeededGenerator(seed: 9)
        var b = SeededGenerator(seed: 9)
        var childA = a.split()
        var childB = b.split()
        #expect(childA.next() == childB.next())
        #expect(a.next() == b.next())
        #expect(childA.next() != a.next())
    }
}
