import AutoMLStrategies
import AutoMLTrainer

/// One trial's training, driven an epoch at a time from async code: each epoch runs on a
/// thread of its own, then its value is reported and the verdict awaited before the next.
struct TrainingJob: Sendable {
    let config: TrainingConfig
    let data: TrainingData
    let budget: TrainingBudget
    let options: TrainerOptions
    /// The metric whose per-epoch value is reported (when an epoch measures it).
    let reportedMetric: String
    /// Where to save the checkpoint when training ends (nil: none).
    let saveTo: String?

    struct Outcome: Sendable {
        var result: TrainingResult
        /// A report's answer stopped training.
        var pruned: Bool
    }

    /// Trains, reporting each epoch; a prune verdict stops after that epoch.
    /// - Throws: `TrainingError` when the network does not fit the data; `CancellationError`
    ///   when the task is cancelled (training stops before its next batch); whatever `report`
    ///   throws.
    func run(report: @Sendable (Double, Double) async throws -> PruneDecision) async throws -> Outcome {
        let flag = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await train(flag: flag, report: report)
        } onCancel: {
            flag.raise()
        }
    }

    private func train(flag: CancellationFlag, report: @Sendable (Double, Double) async throws -> PruneDecision) async throws -> Outcome {
        let box = RunBox(try await start())
        var pruned = false
        while true {
            try Task.checkCancellation()
            let epoch = try await OffPool.run { try box.run.trainEpoch(shouldStop: { flag.isRaised }) }
            guard let epoch else { break }
            let (parameters, macs) = (box.run.state.model.parameters.parameterCount, box.run.state.model.multiplyAccumulates)
            if let value = TrainerMetrics.epochValue(reportedMetric, of: epoch, parameters: parameters, macs: macs), value.isFinite,
               try await report(Double(epoch.epoch), value) == .prune {
                pruned = true
                box.run.stop()
            }
        }
        try Task.checkCancellation()
        let saveTo = self.saveTo
        let result = try await OffPool.run {
            // A checkpoint that cannot be written only costs a later promotion its head start.
            if let saveTo { try? box.run.checkpoint().save(to: saveTo) }
            return box.run.finish()
        }
        return Outcome(result: result, pruned: pruned)
    }

    /// Builds the run (and restores the checkpoint); a checkpoint that cannot be read or does
    /// not fit is dropped and training starts from scratch.
    private func start() async throws -> TrainingRun {
        let (config, data, budget, options) = (self.config, self.data, self.budget, self.options)
        do {
            return try await OffPool.run { try TrainingRun(config: config, data: data, budget: budget, options: options) }
        } catch TrainingError.checkpoint(_) where options.resumeFrom != nil {
            var withoutResume = options
            withoutResume.resumeFrom = nil
            let fresh = withoutResume
            return try await OffPool.run { try TrainingRun(config: config, data: data, budget: budget, options: fresh) }
        }
    }
}

/// Holds a training run that worker threads advance in place, one call at a time (each call
/// is awaited before the next starts, which orders the accesses): moving the run in and out
/// of each call instead would copy its weights on the first write of every epoch.
private final class RunBox: @unchecked Sendable {
    var run: TrainingRun

    init(_ run: TrainingRun) { self.run = run }
}
