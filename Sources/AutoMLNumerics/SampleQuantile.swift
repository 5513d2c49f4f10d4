/// Quantiles of a sample, interpolating linearly between order statistics (numpy's default),
/// for pruners' thresholds and benchmark tables alike.
public enum SampleQuantile {
    /// The `p`-quantile (0...1) of already sorted values; NaN for an empty sample.
    public static func of(sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = min(max(p, 0), 1) * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
