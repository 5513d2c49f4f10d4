/// How `Trainer.train` runs, apart from the hyper-parameters.
public struct TrainerOptions: Sendable {
    /// Pin OpenBLAS to one thread so results repeat bit for bit (process-wide; see
    /// `Trainer` for what stays non-deterministic).
    public var deterministic = true
    /// Batch-1 forward passes timed for the latency metric (0 skips the measurement).
    public var latencyRuns = 30
    /// Rows per batch when evaluating (does not change results).
    public var evaluationBatchSize = 500
    /// Continue from the checkpoint in this directory (it must hold one).
    public var resumeFrom: String?
    /// Write a checkpoint to this directory after every epoch.
    public var saveTo: String?
    /// Weights to start from instead of fresh ones, wherever a parameter of the same name and
    /// shape exists here (weight inheritance for architecture search; batch-norm statistics
    /// included). Applied before a checkpoint is restored.
    public var inheritedParameters: ParameterStore?

    public init(deterministic: Bool = true, latencyRuns: Int = 30, resumeFrom: String? = nil, saveTo: String? = nil,
                inheritedParameters: ParameterStore? = nil) {
        self.deterministic = deterministic
        self.latencyRuns = latencyRuns
        self.resumeFrom = resumeFrom
        self.saveTo = saveTo
        self.inheritedParameters = inheritedParameters
    }
}

/// What the per-epoch progress callback answers.
public enum TrainingControl: Sendable {
    case proceed
    /// Stop after this epoch (the engine's pruner said so).
    case stop
}
