import AutoMLJSON

/// What a strategy hands out for one new trial.
public struct Suggestion: Sendable, Hashable {
    public var config: JSONObject
    /// The budget to evaluate with (epochs, iterations, a data fraction), for multi-fidelity strategies.
    public var budget: Double?
    /// The trial whose checkpoint this one continues, for promotions.
    public var resumeOf: Int?
    /// An architecture description, for NAS strategies.
    public var architecture: JSON?
    /// Strategy-private bookkeeping returned to it in the trial's record (see `TrialRecord.tag`).
    public var tag: JSON?

    public init(config: JSONObject, budget: Double? = nil, resumeOf: Int? = nil, architecture: JSON? = nil, tag: JSON? = nil) {
        self.config = config
        self.budget = budget
        self.resumeOf = resumeOf
        self.architecture = architecture
        self.tag = tag
    }
}

/// A strategy's answer to `ask`.
public struct AskOutcome: Sendable, Hashable {
    /// At most the number asked for; fewer when the strategy must wait or has nothing left.
    public var suggestions: [Suggestion]
    /// A synchronous strategy waits for results before it can suggest more.
    public var waiting: Bool
    /// The strategy will never suggest anything again (a finished grid).
    public var exhausted: Bool

    public init(_ suggestions: [Suggestion], waiting: Bool = false, exhausted: Bool = false) {
        self.suggestions = suggestions
        self.waiting = waiting
        self.exhausted = exhausted
    }
}

/// Whether a running trial should stop early (`trial/report`).
public enum PruneDecision: Sendable, Hashable {
    case `continue`
    case prune
}
