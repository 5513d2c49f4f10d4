import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies
import Foundation

/// Random architecture search: every decision drawn uniformly, the session params from their
/// prior. The baseline every NAS strategy must beat (Li & Talwalkar found it hard to beat).
///
/// Architectures handed out together, or while others are pending, differ from every pending
/// one (redrawn up to 20 times).
///
/// References: Li & Talwalkar, "Random Search and Reproducibility for Neural Architecture
/// Search", UAI 2019.
public struct NASRandomSearch: Strategy {
    public struct Options: Decodable, Sendable {
        /// The architecture space; default `ArchitectureSpaces.make(nil)`.
        public var space: JSON?
    }

    public static let name = "nas-random"
    public static let family = "nas"
    public static let summary = "Uniformly random architectures from the architecture space (the NAS baseline)."
    public static let optionsSchema: JSON = [
        "type": "object",
        "properties": ["space": ["type": "object", "description": "The architecture space ({\"kind\": \"nasnet\" | \"hierarchical\" | \"mnasnet\", ...}); default: a small 1-D NASNet cell space."]],
        "additionalProperties": false,
    ]
    public static let capabilities = StrategyCapabilities(multiObjective: true)

    public let architectureSpace: any ArchitectureSpace

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        architectureSpace = try ArchitectureSpaces.make(options.space, path: "params.strategy.options.space")
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        var taken = EvolutionPopulation.pendingDecisions(context)
        var suggestions: [Suggestion] = []
        for _ in 0..<max(count, 0) {
            var decisions = architectureSpace.sample(using: &context.rng)
            for _ in 0..<EvolutionPopulation.maxRedraws where taken.contains(decisions) {
                decisions = architectureSpace.sample(using: &context.rng)
            }
            taken.insert(decisions)
            suggestions.append(Suggestion(config: context.space.sample(using: &context.rng),
                                          architecture: architectureSpace.architecture(decisions).json))
        }
        return AskOutcome(suggestions)
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {}

    public func status(context: StrategyContext) -> JSON {
        ["space": architectureSpace.json, "log10Cardinality": .double(architectureSpace.choices.reduce(0) { $0 + log10(Double(max($1, 1))) })]
    }
}
