import AutoMLStrategies

/// What `Session.run` reports after each trial it tells.
public struct RunProgress: Sendable {
    /// Trials told by this run so far.
    public var done: Int
    public var limits: RunLimits
    /// The trial just told, with its metrics.
    public var trial: RunTrial
    /// Why it failed, when it did.
    public var failure: String?
    /// The session's best trial so far (single objective; nil before any complete trial or
    /// with several objectives).
    public var best: RunTrial?
    public var elapsedSeconds: Double

    /// Progress in percent: of `maxTrials`, or of `maxSeconds`, whichever is further along.
    public var percentage: Int? {
        var fractions: [Double] = []
        if let maxTrials = limits.maxTrials, maxTrials > 0 { fractions.append(Double(done) / Double(maxTrials)) }
        if let maxSeconds = limits.maxSeconds, maxSeconds > 0 { fractions.append(elapsedSeconds / maxSeconds) }
        return fractions.max().map { Int((min($0, 1) * 100).rounded(.down)) }
    }
}
