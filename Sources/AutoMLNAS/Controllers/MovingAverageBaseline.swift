/// The exponential moving average of past rewards that REINFORCE subtracts from each reward to
/// lower the variance of its gradient (Zoph & Le 2017, §3.2; Williams 1992).
///
/// A batch's advantages use the baseline as it stood before the batch: `A_j = R_j − b`. The
/// rewards then enter in order, `b ← decay·b + (1 − decay)·R_j`. Before any reward there is no
/// history to average, so the first batch is measured against its own mean and the baseline
/// starts from that mean.
public struct MovingAverageBaseline: Sendable, Hashable {
    public let decay: Double
    /// The current baseline; nil before the first batch.
    public private(set) var value: Double?

    public init(decay: Double, value: Double? = nil) {
        self.decay = decay
        self.value = value
    }

    /// The advantages of `rewards` against the current baseline, which then absorbs them.
    public mutating func advantages(for rewards: [Double]) -> [Double] {
        guard !rewards.isEmpty else { return [] }
        let base = value ?? rewards.reduce(0, +) / Double(rewards.count)
        var average = base
        for reward in rewards { average = decay * average + (1 - decay) * reward }
        value = average
        return rewards.map { $0 - base }
    }
}
