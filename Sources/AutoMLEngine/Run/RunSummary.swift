import AutoMLJSON

/// What a `Session.run` did: the counts of this run's trials, the session's best, and why it
/// stopped.
public struct RunSummary: Sendable {
    public enum StopReason: String, Sendable, CaseIterable {
        case maxTrials, maxSeconds, exhausted, cancelled
    }

    /// Trials this run told, and how they ended.
    public var trials = 0
    public var complete = 0
    public var failed = 0
    public var pruned = 0
    /// The session's best trial (one objective), or its Pareto set (several).
    public var best: [RunTrial] = []
    /// Whether the session has several objectives (`best` is then a Pareto set).
    public var multiObjective = false
    public var elapsedSeconds = 0.0
    public var stopReason = StopReason.exhausted
    /// The first failed trials' reasons (at most `maxFailures`).
    public var failures: [(trialId: Int, reason: String)] = []

    public static let maxFailures = 20

    public init() {}

    /// `{trials, complete, failed, pruned, best?, pareto?, elapsedSeconds, stopReason, failures?}`.
    public var json: JSON {
        var object: JSONObject = [
            "trials": .int(Int64(trials)), "complete": .int(Int64(complete)),
            "failed": .int(Int64(failed)), "pruned": .int(Int64(pruned)),
        ]
        if multiObjective {
            object["pareto"] = .array(best.map(\.json))
        } else if let first = best.first {
            object["best"] = first.json
        }
        object["elapsedSeconds"] = .double(elapsedSeconds)
        object["stopReason"] = .string(stopReason.rawValue)
        if !failures.isEmpty {
            object["failures"] = .array(failures.map { .object(["trialId": .int(Int64($0.trialId)), "reason": .string($0.reason)]) })
        }
        return .object(object)
    }
}
