import AutoMLJSON
import AutoMLStrategies

/// Evaluates the trials a session hands out, inside the engine: what `Session.run` loops over.
///
/// ```swift
/// struct Quadratic: TrialEvaluator {
///     func evaluate(_ trial: TrialRecord, context: EvaluationContext) async throws -> TrialEvaluation {
///         let x = trial.config["x"]?.doubleValue ?? 0
///         return .complete(values: [(x - 0.3) * (x - 0.3)])
///     }
/// }
/// ```
///
/// An evaluator reports intermediate values through `context.report` (the session's pruner and
/// strategy answer whether to stop), returns `.failed` for a trial that cannot be evaluated (a
/// bad config: the run goes on), and throws `CancellationError` when its task is cancelled (the
/// run then abandons the trial). Any other error ends the run.
public protocol TrialEvaluator: Sendable {
    func evaluate(_ trial: TrialRecord, context: EvaluationContext) async throws -> TrialEvaluation
}

/// What an evaluator knows of the run it serves.
public struct EvaluationContext: Sendable {
    /// Sends an intermediate value (`trial/report`); answers whether to stop the trial.
    public let report: @Sendable (_ step: Double, _ value: Double) async throws -> PruneDecision
    /// Where the checkpoint of trial `id` lives, when checkpoints are kept (nil: not kept).
    public let checkpointDirectory: @Sendable (_ trialId: Int) -> String?

    public init(report: @escaping @Sendable (Double, Double) async throws -> PruneDecision,
                checkpointDirectory: @escaping @Sendable (Int) -> String? = { _ in nil }) {
        self.report = report
        self.checkpointDirectory = checkpointDirectory
    }
}

/// The outcome of one evaluation: what the run tells the session, and what it reports beside.
public struct TrialEvaluation: Sendable, Equatable {
    /// `complete`, `failed` or `pruned`.
    public var state: TrialState
    /// One value per objective (complete; pruned when the stopped run measured them).
    public var values: [Double]?
    /// Everything measured, by name (test accuracy included), for the run's summary.
    public var metrics: JSONObject
    /// Why a failed trial failed.
    public var reason: String?

    public init(state: TrialState, values: [Double]?, metrics: JSONObject = [:], reason: String? = nil) {
        self.state = state
        self.values = values
        self.metrics = metrics
        self.reason = reason
    }

    public static func complete(values: [Double], metrics: JSONObject = [:]) -> TrialEvaluation {
        TrialEvaluation(state: .complete, values: values, metrics: metrics)
    }

    public static func failed(_ reason: String, metrics: JSONObject = [:]) -> TrialEvaluation {
        TrialEvaluation(state: .failed, values: nil, metrics: metrics, reason: reason)
    }
}
