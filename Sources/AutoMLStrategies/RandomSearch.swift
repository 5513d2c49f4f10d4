import AutoMLJSON
import AutoMLSpace

/// Random search: every trial drawn independently and uniformly from the space (in log space
/// for log parameters). The baseline every other strategy must beat.
///
/// References: Bergstra & Bengio, "Random Search for Hyper-Parameter Optimization", JMLR 2012.
public struct RandomSearch: Strategy {
    public struct Options: Decodable, Sendable {}

    public static let name = "random"
    public static let family = "hpo"
    public static let summary = "Independent uniform samples from the space (log-uniform for log parameters)."
    public static let optionsSchema: JSON = ["type": "object", "properties": .object([:]), "additionalProperties": false]
    public static let capabilities = StrategyCapabilities(multiObjective: true)

    let space: SearchSpace

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        self.space = space
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        AskOutcome((0..<count).map { _ in Suggestion(config: space.sample(using: &context.rng)) })
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {}
}
