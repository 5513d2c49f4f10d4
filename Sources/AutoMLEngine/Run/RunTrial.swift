import AutoMLJSON
import AutoMLStrategies

/// A trial as a run reports it: the session's record with what the evaluator measured (test
/// accuracy included), which the session journals with the tell.
public struct RunTrial: Sendable, Equatable {
    public var trial: TrialRecord
    /// The trial's told metrics; nil when its evaluator told none (a client's plain tell).
    public var metrics: JSONObject? { trial.metrics }

    public init(trial: TrialRecord) {
        self.trial = trial
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
