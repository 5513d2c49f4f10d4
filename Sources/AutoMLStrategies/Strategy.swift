import AutoMLJSON
import AutoMLSpace

/// A search strategy: a deterministic function of its options, its seed and the events it saw.
///
/// Lifecycle: the session creates the strategy once from the space, objectives and options;
/// then, one event at a time, calls `ask` for new trials and `tell` with finished ones (complete,
/// failed or pruned), `abandon` when a pending trial's slot comes back, and `report` with
/// intermediate values. A strategy does no I/O and draws randomness only from
/// `context.rng`; replaying a session's journal through a fresh strategy therefore rebuilds
/// exactly the same state. Methods are synchronous so that nothing can interleave them.
///
/// Conformance: every type listed in `StrategyRegistry.all` runs through the conformance suite
/// (`Tests/AutoMLStrategiesTests/ConformanceTests.swift`): every parameter type, conditional
/// spaces, `count > 1` with pending trials, determinism, replay, failed/pruned/abandoned trials,
/// and several objectives when `capabilities.multiObjective` says so.
public protocol Strategy: Sendable {
    /// Options as the client writes them in `session/create`'s `strategy.options`.
    associatedtype Options: Decodable & Sendable

    /// The name clients use (`"random"`, `"tpe"`, `"hyperband"`): spelled here only.
    static var name: String { get }
    /// `hpo`, `multi-fidelity` or `nas`.
    static var family: String { get }
    /// One sentence for `strategy/list`.
    static var summary: String { get }
    /// A JSON Schema (draft-07 subset) of `Options`, for `strategy/list` and the docs.
    static var optionsSchema: JSON { get }
    static var capabilities: StrategyCapabilities { get }

    /// - Throws: `JSONFieldError` for bad options, `StrategyError` when the space cannot be served.
    init(space: SearchSpace, objectives: [Objective], options: Options) throws

    /// Up to `count` new trials (the session hands out enqueued configs before asking).
    mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome

    /// A trial reached a final state: complete (with values), failed, or pruned. Trials the
    /// strategy never suggested (warm start, enqueued configs) arrive here too.
    mutating func tell(_ trial: TrialRecord, context: inout StrategyContext)

    /// A pending trial was abandoned: its slot may be handed out again.
    mutating func abandon(_ trial: TrialRecord, context: inout StrategyContext)

    /// An intermediate value for a pending trial; the answer says whether to stop it.
    mutating func report(_ trial: TrialRecord, step: Double, value: Double, context: inout StrategyContext) -> PruneDecision

    /// A short JSON summary of the strategy's state for `session/status`.
    func status(context: StrategyContext) -> JSON

    /// Creates the strategy from the options as the client wrote them (provided).
    static func make(options: JSON?, space: SearchSpace, objectives: [Objective], path: String) throws -> AnyStrategy
}

// MARK: - Default implementations

extension Strategy {
    public mutating func abandon(_ trial: TrialRecord, context: inout StrategyContext) {}

    public mutating func report(_ trial: TrialRecord, step: Double, value: Double, context: inout StrategyContext) -> PruneDecision {
        .continue
    }

    public func status(context: StrategyContext) -> JSON { .object([:]) }
}

/// What a strategy can serve; `strategy/list` prints it as `supports`.
public struct StrategyCapabilities: Sendable, Hashable, Encodable {
    /// Accepts several objectives (and then returns a Pareto set as best).
    public var multiObjective: Bool
    /// Serves spaces with `when` conditions.
    public var conditional: Bool
    /// Hands out `budget` on its trials.
    public var multiFidelity: Bool
    /// Decides `trial/report`'s prune answer itself.
    public var pruning: Bool

    public init(multiObjective: Bool, conditional: Bool = true, multiFidelity: Bool = false, pruning: Bool = false) {
        self.multiObjective = multiObjective
        self.conditional = conditional
        self.multiFidelity = multiFidelity
        self.pruning = pruning
    }
}

/// Why a strategy cannot be created for a session.
public enum StrategyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No strategy of that name is registered.
    case unknown(name: String, known: [String])
    /// The strategy cannot serve this space or these objectives, and says why.
    case cannotServe(strategy: String, reason: String)

    public var description: String {
        switch self {
        case .unknown(let name, let known):
            return "unknown strategy \"\(name)\"; known: \(known.joined(separator: ", "))"
        case .cannotServe(let strategy, let reason):
            return "strategy \(strategy) cannot serve this session: \(reason)"
        }
    }
}
