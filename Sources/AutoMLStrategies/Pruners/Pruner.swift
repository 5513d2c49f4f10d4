import AutoMLJSON

/// Decides whether a running trial that just reported an intermediate value (`trial/report`)
/// should stop early, from the learning curves of the session's trials.
///
/// A pruner is a pure function of the history (every trial's `intermediate` values and state),
/// so replaying a journal gives the same decisions. Any single-fidelity strategy can be combined
/// with one (`session/create {pruner: {name, options}}`); with several objectives the reported
/// value is compared in the direction of the objective named by the `objective` option (index,
/// default 0), so multi-objective sessions can prune too.
public protocol Pruner: Sendable {
    associatedtype Options: Decodable & Sendable

    /// The name clients use (`"median"`, `"hyperband"`): spelled here only.
    static var name: String { get }
    static var summary: String { get }
    static var optionsSchema: JSON { get }

    /// - Throws: `JSONFieldError` naming a bad option.
    init(objectives: [Objective], options: Options) throws

    /// Whether `trial` (pending, with its latest report last in `intermediate`) should stop.
    func decide(_ trial: TrialRecord, history: [TrialRecord]) -> PruneDecision
}

/// A pruner of any registered type, as a session holds it.
public struct AnyPruner: Sendable {
    public let base: any Pruner

    public init(_ base: any Pruner) { self.base = base }

    public var name: String { type(of: base).name }

    public func decide(_ trial: TrialRecord, history: [TrialRecord]) -> PruneDecision {
        base.decide(trial, history: history)
    }
}

extension Pruner {
    /// Creates the pruner from the wire's options, naming the offending option on failure.
    public static func make(options: JSON?, objectives: [Objective], path: String) throws -> AnyPruner {
        var decoder = JSONValueDecoder()
        decoder.rejectUnknownMembers = true
        let decoded = try decoder.decode(Options.self, from: options ?? .object([:]), path: path)
        return AnyPruner(try Self(objectives: objectives, options: decoded))
    }
}

/// Every pruner the engine serves: one literal list.
public enum PrunerRegistry {
    public static let all: [any Pruner.Type] = [
        MedianPruner.self,
        PercentilePruner.self,
        SuccessiveHalvingPruner.self,
        HyperbandPruner.self,
        PatiencePruner.self,
    ]

    public static func named(_ name: String) -> (any Pruner.Type)? {
        all.first { $0.name == name }
    }

    /// Creates a pruner by name; `path` locates it in the request (`params.pruner`).
    public static func make(name: String, options: JSON?, objectives: [Objective], path: String) throws -> AnyPruner {
        guard let type = named(name) else {
            let known = all.map { $0.name }.joined(separator: ", ")
            throw JSONFieldError(path: "\(path).name", reason: "unknown pruner \"\(name)\"; known: \(known)")
        }
        return try type.make(options: options, objectives: objectives, path: "\(path).options")
    }

    /// The `pruner/list` entry of one pruner.
    public static func describe(_ type: any Pruner.Type) -> JSON {
        ["name": .string(type.name), "description": .string(type.summary), "options": type.optionsSchema]
    }
}

/// Which objective's direction a pruner compares reported values in.
struct PrunedObjective: Sendable {
    let objective: Objective

    init(objectives: [Objective], index: Int?, path: String) throws {
        let index = index ?? 0
        guard objectives.indices.contains(index) else {
            throw JSONFieldError(path: "\(path).objective", reason: "expected an objective index from 0 to \(objectives.count - 1)")
        }
        objective = objectives[index]
    }

    /// A reported value as a loss (lower is better).
    func loss(_ value: Double) -> Double { objective.loss(value) }
}
