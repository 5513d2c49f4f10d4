import AutoMLNumerics
import Testing

@Suite struct SampleQuantileTests {
    @Test func interpolatesBetweenOrderStatisticsLikeNumpy() {
        let sorted: [Double] = [1, 2, 3, 4]
        #expect(SampleQuantile.of(sorted: sorted, 0) == 1)
        #expect(SampleQuantile.of(sorted: sorted, 1) == 4)
        #expect(SampleQuantile.of(sorted: sorted, 0.5) == 2.5)
        #expect(SampleQuantile.of(sorted: sorted, 0.25) == 1.75)
        #expect(SampleQuantile.of(sorted: [7], 0.9) == 7)
        #expect(SampleQuantile.of(sorted: [], 0.5).isNaN)
    }
}
