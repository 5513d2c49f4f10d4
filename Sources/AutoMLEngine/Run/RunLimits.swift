/// When `Session.run` stops asking for trials (besides an exhausted strategy and cancellation).
public struct RunLimits: Sendable, Equatable {
    /// Trials to evaluate in this run (not counting the session's earlier ones); nil: no limit.
    public var maxTrials: Int?
    /// Wall-clock seconds after which no new trial starts (the one running finishes); nil: no limit.
    public var maxSeconds: Double?

    public init(maxTrials: Int? = nil, maxSeconds: Double? = nil) {
        self.maxTrials = maxTrials
        self.maxSeconds = maxSeconds
    }
}
