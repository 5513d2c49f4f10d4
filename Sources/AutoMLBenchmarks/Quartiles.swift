import AutoMLNumerics

/// Median and quartiles of a sample (linear interpolation between order statistics, as
/// numpy's default), for benchmark tables.
public struct Quartiles: Sendable, Hashable {
    public var q25: Double
    public var median: Double
    public var q75: Double

    public init(_ values: [Double]) {
        let sorted = values.sorted()
        q25 = SampleQuantile.of(sorted: sorted, 0.25)
        median = SampleQuantile.of(sorted: sorted, 0.5)
        q75 = SampleQuantile.of(sorted: sorted, 0.75)
    }
}
