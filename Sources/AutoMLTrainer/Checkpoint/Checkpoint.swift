/// Everything needed to continue a training run exactly where it stopped: the model's
/// parameters and batch-norm statistics, the optimizer's state, the step and epoch counts, the
/// history, and the early-stopping state (with the best weights so far).
///
/// Saved to a directory as `checkpoint.json` (a manifest) and `tensors.bin` (little-endian
/// Float32 data, checksummed in the manifest); see `Checkpoint+Storage.swift`. A multi-fidelity
/// promotion resumes from it instead of starting over. Resuming requires a model with the same
/// parameter names and shapes; the optimizer state is restored when the optimizer kind is the
/// same, and dropped otherwise (population-based training may change optimizers).
public struct Checkpoint: Sendable {
    public var epochsCompleted: Int
    public var steps: Int
    public var history: [EpochMetrics]
    public var parameters: ParameterStore
    public var optimizer: OptimizerState
    public var earlyStopping: EarlyStoppingState?

    public init(epochsCompleted: Int, steps: Int, history: [EpochMetrics], parameters: ParameterStore,
                optimizer: OptimizerState, earlyStopping: EarlyStoppingState?) {
        self.epochsCompleted = epochsCompleted
        self.steps = steps
        self.history = history
        self.parameters = parameters
        self.optimizer = optimizer
        self.earlyStopping = earlyStopping
    }
}

/// Early stopping's memory: the best validation loss, when it was reached, how long ago, and
/// the weights of that epoch.
public struct EarlyStoppingState: Sendable {
    public var bestLoss: Double
    public var bestEpoch: Int
    public var epochsWithoutImprovement: Int
    public var bestParameters: ParameterStore

    /// Records an epoch's validation loss; returns true when it is a new best.
    mutating func observe(loss: Double, epoch: Int, parameters: ParameterStore) -> Bool {
        guard loss < bestLoss else {
            epochsWithoutImprovement += 1
            return false
        }
        bestLoss = loss
        bestEpoch = epoch
        epochsWithoutImprovement = 0
        bestParameters = parameters
        return true
    }
}

/// A checkpoint that cannot be read, or that does not fit the model.
public struct CheckpointError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
