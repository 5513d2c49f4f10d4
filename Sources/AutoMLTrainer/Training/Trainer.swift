import AutoMLJSON
import AutoMLNumerics

/// Trains one configuration on prepared data: the evaluator behind `automl train` and the
/// engine's trainer.
///
/// ```swift
/// let data = TrainingData(try BuiltinDatasets.load("digits"), validationFraction: 0.1, seed: 0)
/// let config = try TrainingConfig.decode(["learningRate": 0.003, "epochs": 30])
/// let result = try Trainer.train(config: config, data: data) { epoch in
///     print(epoch.validationAccuracy ?? 0)
///     return .proceed
/// }
/// result.testAccuracy
/// ```
///
/// Determinism: with `options.deterministic` (the default) OpenBLAS runs on one thread and the
/// same config, data and budget give bit-identical weights, losses and accuracies, whether
/// trained in one call or resumed from checkpoints at epoch boundaries: initialization draws
/// from `seed`, and each epoch's shuffle and dropout from a generator derived from `seed` and
/// the epoch number. Not deterministic: wall-clock figures (seconds, samples per second,
/// latency); and, with `deterministic` off, results may differ in the last bits when
/// OpenBLAS splits a product over threads differently.
public enum Trainer {
    /// Trains `config` on `data` within `budget` (see `TrainingRun` to drive epochs yourself).
    ///
    /// - Parameters:
    ///   - progress: called after each epoch with its metrics; `.stop` ends training there
    ///     (a pruner's decision).
    ///   - shouldStop: checked before every batch; true abandons the epoch in progress
    ///     (cancellation), without test evaluation or checkpoint.
    /// - Throws: `TrainingError` when the model does not fit the data or a checkpoint cannot be
    ///   read, does not fit, or cannot be written.
    public static func train(
        config: TrainingConfig, data: TrainingData, budget: TrainingBudget = .full,
        options: TrainerOptions = TrainerOptions(),
        progress: (EpochMetrics) -> TrainingControl = { _ in .proceed },
        shouldStop: () -> Bool = { false }
    ) throws(TrainingError) -> TrainingResult {
        var run = try TrainingRun(config: config, data: data, budget: budget, options: options)
        while let epoch = try run.trainEpoch(shouldStop: shouldStop) {
            if progress(epoch) == .stop { run.stop() }
        }
        return run.finish()
    }

    /// The model `config` describes for data of this shape, initialized from `config.seed`.
    public static func model(for config: TrainingConfig, features: Int, classes: Int) throws(TrainingError) -> Model {
        do {
            let description = try ArchitectureBuilder.description(for: config, features: features, classes: classes)
            var generator = SeededGenerator(seed: config.seed)
            return try Model(description, features: features, classes: classes, initialization: config.initialization,
                             defaultDropout: config.dropout, generator: &generator,
                             path: config.model == nil ? "config" : "config.model")
        } catch {
            throw .model(error)
        }
    }

    /// Copies parameters and statistics by name; the names and shapes must be exactly the model's.
    static func copyValues(from saved: ParameterStore, into store: inout ParameterStore, what: String) throws(TrainingError) {
        guard saved.names.sorted() == store.names.sorted(), saved.statistics.map(\.name).sorted() == store.statistics.map(\.name).sorted() else {
            throw .checkpoint(CheckpointError("\(what) holds parameters \(saved.names.sorted()), the model \(store.names.sorted())"))
        }
        do {
            for entry in saved.entries { try store.setValue(entry.value, named: entry.name) }
            for (name, value) in saved.statistics { try store.setStatistics(value, named: name) }
        } catch {
            throw .checkpoint(CheckpointError("\(what) does not fit the model: \(error.description)"))
        }
    }
}

/// Why a training run could not start or continue.
public enum TrainingError: Error, Sendable, CustomStringConvertible {
    /// The config's network does not fit the data (the path names the offending field).
    case model(JSONFieldError)
    case checkpoint(CheckpointError)

    public var description: String {
        switch self {
        case .model(let error): return error.description
        case .checkpoint(let error): return error.description
        }
    }
}
