import AutoMLNumerics

/// One training run, advanced an epoch at a time: what `Trainer.train` loops over, and what an
/// engine drives itself when it must await something between epochs (a pruner's verdict).
///
/// ```swift
/// var run = try TrainingRun(config: config, data: data, budget: .epochs(9), options: options)
/// while let epoch = try run.trainEpoch(shouldStop: { Task.isCancelled }) {
///     if await pruner.shouldPrune(epoch) { run.stop() }
/// }
/// let result = run.finish()
/// ```
///
/// A value type and `Sendable`, so it can move into a detached task. Checkpoints (when
/// `options.saveTo` is set) are written after every completed epoch.
public struct TrainingRun: Sendable {
    public let config: TrainingConfig
    public let data: TrainingData
    public let budget: TrainingBudget
    public let options: TrainerOptions
    /// Every completed epoch, including those restored from a checkpoint.
    public private(set) var history: [EpochMetrics] = []
    /// Why the run ended, once it has.
    public private(set) var stopReason: StopReason?
    public private(set) var state: TrainingState
    private var early: EarlyStoppingState?
    private let rows: Int
    private var samples = 0
    private var seconds = 0.0

    /// Builds the model (initialized from `config.seed`) and, with `options.resumeFrom`,
    /// restores the checkpoint there.
    /// - Throws: `TrainingError.model` when the network does not fit the data,
    ///   `.checkpoint` when the checkpoint cannot be read or does not fit.
    public init(config: TrainingConfig, data: TrainingData, budget: TrainingBudget = .full,
                options: TrainerOptions = TrainerOptions()) throws(TrainingError) {
        if options.deterministic { BLASThreads.pinToOne() }
        self.config = config
        self.data = data
        self.budget = budget
        self.options = options
        rows = budget.rows(of: data.train.rows)
        let stepsPerEpoch = (rows + config.batchSize - 1) / config.batchSize
        let schedule = LearningRateSchedule(config: config, stepsPerEpoch: stepsPerEpoch, epochs: budget.scheduleEpochs(config))
        state = TrainingState(model: try Trainer.model(for: config, features: data.featureCount, classes: data.classCount),
                              config: config, schedule: schedule)
        if let inherited = options.inheritedParameters { state.model.parameters.inherit(from: inherited) }
        if let bits = config.weightBits {
            do { try ModelFootprint(state.model.parameters).check(bits, path: "config.weightBits") } catch { throw .model(error) }
        }
        if config.earlyStoppingPatience != nil && data.validation != nil {
            early = EarlyStoppingState(bestLoss: .infinity, bestEpoch: 0, epochsWithoutImprovement: 0, bestParameters: state.model.parameters)
        }
        if let directory = options.resumeFrom { try resume(from: directory) }
        if history.count >= budget.targetEpochs(config) { stopReason = .completed }
    }

    /// Whether the run has ended (budget spent, early stopping, `stop()`, or cancellation).
    public var isFinished: Bool { stopReason != nil }

    /// Trains one epoch and returns its metrics, or nil when the run has already ended or
    /// `shouldStop` (checked before every batch) abandons this epoch.
    public mutating func trainEpoch(shouldStop: () -> Bool = { false }) throws(TrainingError) -> EpochMetrics? {
        guard stopReason == nil else { return nil }
        let clock = ContinuousClock(), started = clock.now
        let epoch = history.count
        var generator = SeededGenerator(seed: config.seed ^ (UInt64(epoch + 1) &* 0x9E37_79B9_7F4A_7C15))
        var order = Array(0..<rows)
        generator.shuffle(&order)
        var lossSum = 0.0, correct = 0, seen = 0
        for start in stride(from: 0, to: rows, by: config.batchSize) {
            if shouldStop() {
                stopReason = .cancelled
                seconds += (clock.now - started).seconds
                return nil
            }
            let batch = order[start..<min(start + config.batchSize, rows)]
            var inputs = data.train.gather(batch)
            if config.randomShift > 0, let length = state.model.inputShape.last {
                inputs = RandomShift.rolled(inputs, length: length,
                                            offsets: RandomShift.offsets(count: batch.count, maxShift: config.randomShift, generator: &generator))
            }
            let (loss, right) = state.step(batch: inputs, labels: batch.map { data.train.labels[$0] }, generator: &generator)
            lossSum += loss * Double(batch.count)
            correct += right
            seen += batch.count
        }
        samples += seen
        let validation = data.validation.map { Evaluation.evaluate(state.model, on: $0, config: config, batchSize: options.evaluationBatchSize) }
        let metrics = EpochMetrics(
            epoch: epoch + 1, trainLoss: lossSum / Double(max(seen, 1)), trainAccuracy: Double(correct) / Double(max(seen, 1)),
            validationLoss: validation?.loss, validationAccuracy: validation?.accuracy,
            learningRate: state.schedule.learningRate(at: max(state.steps - 1, 0)), seconds: (clock.now - started).seconds)
        seconds += metrics.seconds
        history.append(metrics)
        if let loss = validation?.loss, early != nil {
            _ = early?.observe(loss: loss.isNaN ? .infinity : loss, epoch: epoch + 1, parameters: state.model.parameters)
        }
        if let directory = options.saveTo { try checkpoint().saveOrThrow(to: directory) }
        if let early, let patience = config.earlyStoppingPatience, early.epochsWithoutImprovement >= patience {
            stopReason = .earlyStopping
        } else if history.count >= budget.targetEpochs(config) {
            stopReason = .completed
        }
        return metrics
    }

    /// Ends the run after the current epoch (a pruner's decision).
    public mutating func stop() {
        if stopReason == nil { stopReason = .stoppedByCallback }
    }

    /// The run's state as a checkpoint (at the last completed epoch boundary).
    public func checkpoint() -> Checkpoint {
        Checkpoint(epochsCompleted: history.count, steps: state.steps, history: history, parameters: state.model.parameters,
                   optimizer: state.optimizer.state(parameters: state.model.parameters), earlyStopping: early)
    }

    /// Evaluates and reports the run: with early stopping, the best epoch's weights are kept;
    /// the test set is evaluated unless the run was cancelled or stopped by the caller.
    public func finish() -> TrainingResult {
        var model = state.model
        if stopReason != .cancelled, let early, early.bestEpoch > 0 {
            // Same model, same names and shapes: copying cannot fail.
            try? Trainer.copyValues(from: early.bestParameters, into: &model.parameters, what: "the best weights")
        }
        if let bits = config.weightBits { WeightQuantization.apply(bits, to: &model.parameters) }
        let reason = stopReason ?? .stoppedByCallback
        let evaluate = { (set: Dataset) in Evaluation.evaluate(model, on: set, config: self.config, batchSize: self.options.evaluationBatchSize) }
        let validation = data.validation.map(evaluate)
        let test = reason == .completed || reason == .earlyStopping ? data.test.map(evaluate) : nil
        let latency = options.latencyRuns > 0 && data.train.rows > 0
            ? Evaluation.latencyMilliseconds(model, sample: data.train.gather([0]), runs: options.latencyRuns) : nil
        let best = early.flatMap { $0.bestEpoch > 0 ? $0.bestEpoch : nil }
            ?? history.filter { $0.validationLoss?.isNaN == false }.min { ($0.validationLoss ?? 0) < ($1.validationLoss ?? 0) }?.epoch
        return TrainingResult(
            history: history, stopReason: reason, bestEpoch: best,
            validationLoss: validation?.loss, validationAccuracy: validation?.accuracy, testLoss: test?.loss, testAccuracy: test?.accuracy,
            parameterCount: model.parameters.parameterCount, multiplyAccumulates: model.multiplyAccumulates,
            modelBytes: ModelFootprint(model.parameters).bytes(config.weightBits),
            latencyMilliseconds: latency, trainingSeconds: seconds, samplesPerSecond: seconds > 0 ? Double(samples) / seconds : 0,
            model: model)
    }

    private mutating func resume(from directory: String) throws(TrainingError) {
        let saved: Checkpoint
        do { saved = try Checkpoint.load(from: directory) } catch { throw .checkpoint(error) }
        try Trainer.copyValues(from: saved.parameters, into: &state.model.parameters, what: "the checkpoint")
        state.steps = saved.steps
        if state.optimizer.state(parameters: state.model.parameters).kind == saved.optimizer.kind {
            do { try state.optimizer.restore(saved.optimizer, parameters: state.model.parameters) } catch {
                throw .checkpoint(CheckpointError(error.description))
            }
        }
        history = saved.history
        if early != nil, let savedEarly = saved.earlyStopping { early = savedEarly }
    }
}

extension Checkpoint {
    func saveOrThrow(to directory: String) throws(TrainingError) {
        do { try save(to: directory) } catch { throw .checkpoint(error) }
    }
}
