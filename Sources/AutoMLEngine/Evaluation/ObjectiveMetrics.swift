import AutoMLJSON
import AutoMLStrategies

/// Which metric each of a session's objectives takes, checked once before a run starts.
///
/// Each objective is looked up by name among the metrics (`TrainerMetrics`); a single objective
/// whose name is not a metric (the default `value`) takes `evaluator.metric`, by default
/// `validationError`. Refused, with the field named: test metrics, unknown metrics, and an
/// objective whose goal is the opposite of its metric's (maximizing `validationError`), which
/// would search for the worst model.
public struct ObjectiveMetrics: Sendable, Equatable {
    /// One metric name per objective, in the session's order.
    public let names: [String]
    /// The objective whose per-epoch value goes to `trial/report` (the pruner's objective).
    public let reportedIndex: Int

    /// - Parameters:
    ///   - metric: `evaluator.metric`, when given.
    ///   - prunedIndex: the objective a pruner compares (its `objective` option), default 0.
    ///   - path: where the evaluator sits in the request (`params.evaluator`).
    ///   - sessionPath: where the session is named in the request (`params.sessionId`).
    public init(objectives: [Objective], metric: String?, prunedIndex: Int = 0, path: String,
                sessionPath: String = "params.sessionId") throws(JSONFieldError) {
        let metricPath = JSONPath.member(path, "metric")
        if let metric { try Self.check(metric, path: metricPath) }
        if objectives.count == 1, !Self.isMetricName(objectives[0].name) {
            let name = metric ?? TrainerMetrics.defaultMetric
            try Self.checkGoal(objectives[0], metric: name, path: metricPath,
                               fix: "give evaluator.metric a metric that is \(objectives[0].goal.rawValue)d, e.g. \(objectives[0].goal == .minimize ? "validationError" : "validationAccuracy")")
            names = [name]
        } else {
            if let metric {
                throw JSONFieldError(path: metricPath, reason: "the session's objectives already name their metrics (\(objectives.map(\.name).joined(separator: ", "))); \"\(metric)\" applies only to a single objective named otherwise")
            }
            var found: [String] = []
            for objective in objectives {
                guard Self.isMetricName(objective.name) else {
                    throw JSONFieldError(path: sessionPath, reason: "the session's objective \"\(objective.name)\" is not a trainer metric; with several objectives each must be one of \(Self.known)")
                }
                try Self.check(objective.name, path: sessionPath)
                try Self.checkGoal(objective, metric: objective.name, path: sessionPath,
                                   fix: "create the session with {\"name\": \"\(objective.name)\", \"goal\": \"\(objective.goal == .minimize ? "maximize" : "minimize")\"}")
                found.append(objective.name)
            }
            names = found
        }
        reportedIndex = names.indices.contains(prunedIndex) ? prunedIndex : 0
    }

    /// The objective values of a trial's metrics, or why there are none.
    public func values(from metrics: JSONObject) -> Result<[Double], MissingMetric> {
        var values: [Double] = []
        for name in names {
            guard let value = metrics[name]?.doubleValue, value.isFinite else { return .failure(MissingMetric(name: name)) }
            values.append(value)
        }
        return .success(values)
    }

    /// A metric a trial did not measure (no validation rows, a diverged run, no latency).
    public struct MissingMetric: Error, Sendable, Equatable, CustomStringConvertible {
        public let name: String

        public init(name: String) { self.name = name }

        public var description: String { "the trial has no finite \(name)" }
    }

    private static var known: String { TrainerMetrics.selectable.map(\.name).joined(separator: ", ") }

    private static func isMetricName(_ name: String) -> Bool {
        TrainerMetrics.isSelectable(name) || TrainerMetrics.testOnly.contains(name)
    }

    private static func check(_ metric: String, path: String) throws(JSONFieldError) {
        if TrainerMetrics.testOnly.contains(metric) {
            throw JSONFieldError(path: path, reason: "\(metric) is measured on the test set: it is reported with every trial but never selected on, or the test set would no longer measure generalization; select on a validation metric")
        }
        guard TrainerMetrics.isSelectable(metric) else {
            throw JSONFieldError(path: path, reason: "unknown metric \"\(metric)\"; known: \(known)")
        }
    }

    private static func checkGoal(_ objective: Objective, metric: String, path: String, fix: String) throws(JSONFieldError) {
        guard let better = TrainerMetrics.better(metric), better != objective.goal else { return }
        throw JSONFieldError(path: path, reason: "the session \(objective.goal.rawValue)s \"\(objective.name)\", but a better model has a \(better == .minimize ? "lower" : "higher") \(metric): \(fix)")
    }
}
