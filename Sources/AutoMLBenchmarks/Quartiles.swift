/// Median and quartiles of a sample (linear interpolation between order statistics, as
/// numpy's default), for benchmark tables.
public struct Quartiles: Sendable, Hashable {
    public var q25: Double
    public var median: Double
    public var q75: Double

    public init(_ values: [Double]) {
        let sorted = values.sorted()
        q25 = Self.quantile(sorted, 0.25)
        median = Self.quantile(sorted, 0.5)
        q75 = Self.quantile(sorted, 0.75)
    }

    /// The `p`-quantile of sorted values; NaN for an empty sample.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
