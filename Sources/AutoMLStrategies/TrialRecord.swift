import AutoMLJSON

/// Where a trial is in its life: asked (`pending`), then exactly one final state.
public enum TrialState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Enqueued by the client, not yet handed out.
    case queued
    case pending
    case complete
    case failed
    case pruned
    case abandoned

    public var isFinished: Bool {
        switch self {
        case .complete, .failed, .pruned, .abandoned: return true
        case .queued, .pending: return false
        }
    }
}

/// One intermediate value an evaluator reported for a trial (`trial/report`).
public struct IntermediateValue: Sendable, Hashable, Codable {
    public var step: Double
    public var value: Double

    public init(step: Double, value: Double) {
        self.step = step
        self.value = value
    }
}

/// A trial as strategies see it in the history: read-only, a value type.
public struct TrialRecord: Sendable, Hashable {
    /// The trial's id: its index in the session's history, from 0.
    public var id: Int
    public var state: TrialState
    public var config: JSONObject
    /// The budget the trial was asked to run with (multi-fidelity strategies).
    public var budget: Double?
    /// The trial whose checkpoint this one continues (a promotion).
    public var resumeOf: Int?
    /// An architecture description handed out with the config (NAS strategies).
    public var architecture: JSON?
    /// What the strategy attached when it suggested the trial (bracket, rung, ...): opaque to the
    /// session, journaled with the ask so that replay restores it.
    public var tag: JSON?
    /// One value per objective, for complete trials (and pruned trials that reported a last value).
    public var values: [Double]?
    public var intermediate: [IntermediateValue]
    /// What the evaluation cost (seconds, or the evaluator's unit), when reported.
    public var cost: Double?
    /// The client that asked for it, if it gave a `clientId`.
    public var clientId: String?
    /// What the evaluator measured besides the objectives (test accuracy, parameters, ...),
    /// told with the result and journaled with it, so a reopened session still shows it.
    /// Strategies do not read it.
    public var metrics: JSONObject?

    public init(
        id: Int, state: TrialState, config: JSONObject, budget: Double? = nil, resumeOf: Int? = nil,
        architecture: JSON? = nil, tag: JSON? = nil, values: [Double]? = nil,
        intermediate: [IntermediateValue] = [], cost: Double? = nil, clientId: String? = nil, metrics: JSONObject? = nil
    ) {
        self.id = id
        self.state = state
        self.config = config
        self.budget = budget
        self.resumeOf = resumeOf
        self.architecture = architecture
        self.tag = tag
        self.values = values
        self.intermediate = intermediate
        self.cost = cost
        self.clientId = clientId
        self.metrics = metrics
    }

    /// The single objective's value, when the trial is complete.
    public var value: Double? { values?.first }
}
