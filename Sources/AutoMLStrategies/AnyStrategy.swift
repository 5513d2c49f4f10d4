import AutoMLJSON
import AutoMLSpace

/// A strategy of any registered type, as a session holds it.
public struct AnyStrategy: Sendable {
    public private(set) var base: any Strategy

    public init(_ base: any Strategy) { self.base = base }

    public var name: String { type(of: base).name }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        try base.ask(count, context: &context)
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        base.tell(trial, context: &context)
    }

    public mutating func abandon(_ trial: TrialRecord, context: inout StrategyContext) {
        base.abandon(trial, context: &context)
    }

    public mutating func report(_ trial: TrialRecord, step: Double, value: Double, context: inout StrategyContext) -> PruneDecision {
        base.report(trial, step: step, value: value, context: &context)
    }

    public func status(context: StrategyContext) -> JSON { base.status(context: context) }
}

extension Strategy {
    /// Creates the strategy from the wire's options, naming the offending option on failure.
    public static func make(options: JSON?, space: SearchSpace, objectives: [Objective], path: String) throws -> AnyStrategy {
        if objectives.count > 1 && !capabilities.multiObjective {
            throw StrategyError.cannotServe(strategy: name, reason: "it optimizes one objective; \(objectives.count) were given")
        }
        if space.parameters.isEmpty && family != "nas" {
            throw JSONFieldError(
                path: "params.space.params",
                reason: "must declare at least one parameter (only NAS strategies search architectures with no parameters)")
        }
        if !capabilities.conditional && space.isConditional {
            throw StrategyError.cannotServe(strategy: name, reason: "it does not support conditional parameters")
        }
        var decoder = JSONValueDecoder()
        decoder.rejectUnknownMembers = true
        let decoded = try decoder.decode(Options.self, from: options ?? .object([:]), path: path)
        return AnyStrategy(try Self(space: space, objectives: objectives, options: decoded))
    }
}
