import AutoMLJSON
import AutoMLStrategies

/// A trial as a run reports it: the session's record and, when this run evaluated it, what the
/// evaluator measured (test accuracy included).
public struct RunTrial: Sendable, Equatable {
    public var trial: TrialRecord
    /// Nil for a trial evaluated before this run (by a client or an earlier run).
    public var metrics: JSONObject?

    public init(trial: TrialRecord, metrics: JSONObject?) {
        self.trial = trial
        self.metrics = metrics
    }

    /// `{trialId, state, config, values, value?, budget?, resumeOf?, architecture?, cost?, metrics?}`.
    public var json: JSON {
        var object: JSONObject = ["trialId": .int(Int64(trial.id)), "state": .string(trial.state.rawValue), "config": .object(trial.config)]
        if let values = trial.values {
            object["values"] = .array(values.map { .double($0) })
            if values.count == 1 { object["value"] = .double(values[0]) }
        }
        if let budget = trial.budget { object["budget"] = .double(budget) }
        if let resumeOf = trial.resumeOf { object["resumeOf"] = .int(Int64(resumeOf)) }
        if let architecture = trial.architecture { object["architecture"] = architecture }
        if let cost = trial.cost { object["cost"] = .double(cost) }
        if let metrics { object["metrics"] = .object(metrics) }
        return .object(object)
    }
}
