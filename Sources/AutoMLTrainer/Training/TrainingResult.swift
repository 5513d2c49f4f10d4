import AutoMLJSON

/// What one epoch measured. Losses are the configured loss without regularization penalties.
public struct EpochMetrics: Sendable, Equatable {
    /// 1-based.
    public var epoch: Int
    /// Mean over the epoch's batches, in training mode (dropout on).
    public var trainLoss: Double
    public var trainAccuracy: Double
    public var validationLoss: Double?
    public var validationAccuracy: Double?
    /// The rate of the epoch's last step.
    public var learningRate: Double
    /// Wall-clock seconds (not deterministic).
    public var seconds: Double

    public var json: JSON {
        var object: JSONObject = ["epoch": .int(Int64(epoch)), "trainLoss": .double(trainLoss), "trainAccuracy": .double(trainAccuracy)]
        if let validationLoss { object["validationLoss"] = .double(validationLoss) }
        if let validationAccuracy { object["validationAccuracy"] = .double(validationAccuracy) }
        object["learningRate"] = .double(learningRate)
        object["seconds"] = .double(seconds)
        return .object(object)
    }
}

/// Why training ended.
public enum StopReason: String, Sendable, Equatable {
    /// Every epoch of the budget ran.
    case completed
    /// The validation loss stopped improving for `earlyStoppingPatience` epochs.
    case earlyStopping
    /// The progress callback asked to stop (a pruner, say).
    case stoppedByCallback
    /// `shouldStop` returned true between batches; the last epoch is incomplete and no
    /// checkpoint was written for it.
    case cancelled
}

/// The outcome of `Trainer.train`.
public struct TrainingResult: Sendable {
    /// Every epoch, including those restored from a checkpoint.
    public var history: [EpochMetrics]
    public var stopReason: StopReason
    /// The epoch with the lowest validation loss (nil without validation data).
    public var bestEpoch: Int?
    /// Of the final weights (the best epoch's when early stopping restored them).
    public var validationLoss: Double?
    public var validationAccuracy: Double?
    /// Nil when there is no test set or training was cancelled or stopped by the callback.
    public var testLoss: Double?
    public var testAccuracy: Double?
    public var parameterCount: Int
    public var multiplyAccumulates: Int
    /// Bytes the parameters take: `⌈p·b/8⌉` per linear or convolution weight of `p` values at
    /// `b` bits (`config.weightBits`, else 32), 4 per other parameter (see `ModelFootprint`).
    public var modelBytes: Int
    /// Median wall-clock milliseconds of a batch-1 forward pass on this host (not
    /// deterministic); nil when not measured.
    public var latencyMilliseconds: Double?
    /// Wall-clock seconds spent training in this call (not deterministic).
    public var trainingSeconds: Double
    /// Training samples processed per second in this call.
    public var samplesPerSecond: Double
    /// The trained model, for inspection, prediction or weight sharing.
    public var model: Model

    public var epochsTrained: Int { history.count }

    public var json: JSON {
        var object: JSONObject = [
            "epochsTrained": .int(Int64(epochsTrained)),
            "stopReason": .string(stopReason.rawValue),
        ]
        if let bestEpoch { object["bestEpoch"] = .int(Int64(bestEpoch)) }
        if let validationLoss { object["validationLoss"] = .double(validationLoss) }
        if let validationAccuracy { object["validationAccuracy"] = .double(validationAccuracy) }
        if let testLoss { object["testLoss"] = .double(testLoss) }
        if let testAccuracy { object["testAccuracy"] = .double(testAccuracy) }
        object["parameters"] = .int(Int64(parameterCount))
        object["macs"] = .int(Int64(multiplyAccumulates))
        object["modelBytes"] = .int(Int64(modelBytes))
        if let latencyMilliseconds { object["latencyMs"] = .double(latencyMilliseconds) }
        object["trainingSeconds"] = .double(trainingSeconds)
        object["samplesPerSecond"] = .double(samplesPerSecond)
        object["history"] = .array(history.map(\.json))
        return .object(object)
    }
}
