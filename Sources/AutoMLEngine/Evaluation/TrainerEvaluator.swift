import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies
import AutoMLTrainer

/// The embedded trainer as an evaluator: trains each trial's config on one data set and tells
/// the session's objectives, looked up by name among the run's metrics.
///
/// ```swift
/// let evaluator = try await TrainerEvaluator.make(["kind": "trainer", "dataset": "digits"], session: session.spec)
/// let summary = try await session.run(evaluator: evaluator, limits: RunLimits(maxTrials: 20))
/// ```
///
/// - Config: see `TrialTrainingConfig` for the merge order; a config that does not decode or a
///   network that does not fit the data makes the trial `failed`.
/// - Budget: see `TrialBudget`. A trial with `resumeOf` continues that trial's checkpoint when
///   the run keeps checkpoints and it exists, else trains from scratch; a trial with a budget
///   saves its checkpoint when it ends, for the promotions that may follow.
/// - Every epoch, the per-epoch value of the pruner's objective (a validation metric) goes to
///   `context.report`; a prune decision stops training and the trial is told `pruned`.
/// - Training runs on a thread of its own (`OffPool`), an epoch at a time; cancellation stops
///   it before the next batch.
/// - A trial whose architecture is a NEAT genome (`"space": "neat"`) is not trained: its
///   network is scored as it is (`NEATTrial`).
public struct TrainerEvaluator: TrialEvaluator {
    public let spec: TrainerEvaluatorSpec
    public let data: TrainingData
    public let objectives: ObjectiveMetrics
    /// Batch-1 forward passes timed for `latencyMs` (0 skips the measurement).
    public var latencyRuns: Int

    public init(spec: TrainerEvaluatorSpec, data: TrainingData, objectives: ObjectiveMetrics, latencyRuns: Int = 30) {
        self.spec = spec
        self.data = data
        self.objectives = objectives
        self.latencyRuns = latencyRuns
    }

    /// Decodes `json` (`session/run`'s `evaluator`), maps the session's objectives to metrics,
    /// checks that the session's parameters are training-config members, and loads the data
    /// (off the cooperative pool).
    /// - Throws: `JSONFieldError` at `path.<field>`, or at `sessionPath` for a session whose
    ///   objectives or parameters the trainer cannot serve.
    public static func make(_ json: JSON, session: SessionSpec, path: String = "params.evaluator",
                            sessionPath: String = "params.sessionId") async throws -> TrainerEvaluator {
        let spec = try TrainerEvaluatorSpec.decode(json, path: path)
        let prunedIndex = session.pruner?["options"]?["objective"]?.intValue.flatMap { Int(exactly: $0) } ?? 0
        let objectives = try ObjectiveMetrics(objectives: session.objectives, metric: spec.metric, prunedIndex: prunedIndex,
                                              path: path, sessionPath: sessionPath)
        try checkParameters(of: session, path: sessionPath)
        let data = try await OffPool.run { try EvaluatorDataset.load(spec, path: path) }
        return TrainerEvaluator(spec: spec, data: data, objectives: objectives)
    }

    /// Every parameter of the session's space must be a training-config member, or every trial
    /// would fail the same way.
    static func checkParameters(of session: SessionSpec, path: String) throws(JSONFieldError) {
        for parameter in session.space.parameters {
            do {
                _ = try TrainingConfig.decode([parameter.name: .null], path: "config")
            } catch {
                throw JSONFieldError(path: path, reason: "session \"\(session.id)\" searches \"\(parameter.name)\", which is not a training-config member, so every trial would fail (\(error))")
            }
        }
    }

    public func evaluate(_ trial: TrialRecord, context: EvaluationContext) async throws -> TrialEvaluation {
        if let architecture = trial.architecture, NEATTrial.applies(to: architecture) {
            return try await NEATTrial.evaluate(architecture, data: data, objectives: objectives)
        }
        let config: TrainingConfig
        let budget: TrainingBudget
        do {
            config = try TrialTrainingConfig.decode(evaluatorConfig: spec.config, seed: spec.seed, trial: trial)
            budget = try TrialBudget.training(trial.budget, unit: spec.budgetUnit)
        } catch {
            return .failed(String(describing: error))
        }
        var options = TrainerOptions(latencyRuns: latencyRuns)
        if let source = trial.resumeOf, let directory = context.checkpointDirectory(source), Checkpoint.exists(at: directory) {
            options.resumeFrom = directory
        }
        let job = TrainingJob(config: config, data: data, budget: budget, options: options,
                              reportedMetric: objectives.names[objectives.reportedIndex],
                              saveTo: trial.budget == nil ? nil : context.checkpointDirectory(trial.id))
        let outcome: TrainingJob.Outcome
        do {
            outcome = try await job.run(report: context.report)
        } catch let error as TrainingError {
            return .failed(error.description)
        }
        let metrics = TrainerMetrics.metrics(of: outcome.result)
        switch objectives.values(from: metrics) {
        case .success(let values):
            return TrialEvaluation(state: outcome.pruned ? .pruned : .complete, values: values, metrics: metrics)
        case .failure(let missing):
            return outcome.pruned
                ? TrialEvaluation(state: .pruned, values: nil, metrics: metrics)
                : .failed(missing.description, metrics: metrics)
        }
    }
}
