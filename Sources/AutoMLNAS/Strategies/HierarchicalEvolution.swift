import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies

/// The evolutionary search of Liu et al. (2018) over the hierarchical space.
///
/// Initialization: each of the first `initialPopulation` trials is the trivial genotype (every
/// motif a chain of identities) mutated `initialMutations` times, which gives diverse yet small
/// architectures. Then each trial is a child: a tournament of 5% of the population (at least
/// 2) picks the best member (lowest loss of objective 0) as parent, and the child is the parent
/// after one mutation (a level, a motif of that level, an edge, a new operation for it). The
/// population only grows: every told complete trial joins and none is removed, as in the paper.
///
/// Session params: initial trials draw them from the prior; a child inherits its parent's and,
/// with probability `paramMutation`, redraws one of them. Children handed out together, or
/// while others are pending, differ from every pending architecture (redrawn up to 20 times).
///
/// References: Liu, Simonyan, Vinyals, Fernando & Kavukcuoglu, "Hierarchical Representations
/// for Efficient Architecture Search", ICLR 2018 (200 initial genotypes of 1000 mutations each;
/// the defaults here are small for small budgets).
public struct HierarchicalEvolution: Strategy, DistinctArchitectureDrawing {
    public struct Options: Decodable, Sendable {
        /// A hierarchical space (`{"kind": "hierarchical", ...}`); default `{"kind": "hierarchical"}`.
        public var space: JSON?
        /// Initial genotypes (default 10).
        public var initialPopulation: Int?
        /// Mutations applied to the trivial genotype for each initial genotype (default 20).
        public var initialMutations: Int?
        /// Tournament size as a fraction of the population (default 0.05; at least 2 members).
        public var tournament: Double?
        /// Probability that a child redraws one session param (default 0.25).
        public var paramMutation: Double?
    }

    public static let name = "hierarchical-evolution"
    public static let family = "nas"
    public static let summary = "Evolution over hierarchical motifs (Liu et al. 2018): mutated trivial genotypes, 5% tournaments, a growing population."
    public static let optionsSchema = EvolutionPopulation.optionsSchema([
        ("initialPopulation", ["type": "integer", "minimum": 1, "maximum": 100_000, "description": "Initial genotypes (default 10)."]),
        ("initialMutations", ["type": "integer", "minimum": 0, "maximum": 100_000,
                              "description": "Mutations of the trivial genotype per initial genotype (default 20)."]),
        ("tournament", ["type": "number", "exclusiveMinimum": 0, "maximum": 1,
                        "description": "Tournament size as a fraction of the population, at least 2 (default 0.05)."]),
    ])
    public static let capabilities = StrategyCapabilities(multiObjective: false)

    public let architectureSpace: HierarchicalSpace
    public let initialPopulation: Int
    public let initialMutations: Int
    public let tournament: Double
    public let paramMutation: Double
    /// Every member told so far, in order of joining.
    public private(set) var population: [EvolutionMember] = []
    private(set) var initialTrials = 0

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        let path = "params.strategy.options"
        guard let made = try ArchitectureSpaces.make(options.space ?? ["kind": "hierarchical"], path: "\(path).space") as? HierarchicalSpace else {
            throw JSONFieldError(path: "\(path).space.kind", reason: "hierarchical-evolution searches \"hierarchical\" spaces")
        }
        architectureSpace = made
        initialPopulation = options.initialPopulation ?? 10
        guard (1...100_000).contains(initialPopulation) else {
            throw JSONFieldError(path: "\(path).initialPopulation", reason: "expected an integer from 1 to 100000")
        }
        initialMutations = options.initialMutations ?? 20
        guard (0...100_000).contains(initialMutations) else {
            throw JSONFieldError(path: "\(path).initialMutations", reason: "expected an integer from 0 to 100000")
        }
        tournament = options.tournament ?? 0.05
        guard tournament > 0, tournament <= 1 else {
            throw JSONFieldError(path: "\(path).tournament", reason: "expected a fraction in (0, 1]")
        }
        paramMutation = try EvolutionPopulation.probability(options.paramMutation, default: 0.25, field: "paramMutation")
    }

    /// The tournament size for the current population: `tournament` of it, at least 2.
    public var tournamentSize: Int {
        max(2, Int((tournament * Double(population.count)).rounded(.up)))
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        AskOutcome(drawDistinct(count, context: &context))
    }

    mutating func accept(_ suggestion: Suggestion) {
        if suggestion.tag?["origin"] == "initial" { initialTrials += 1 }
    }

    func draw(context: inout StrategyContext) -> Suggestion {
        guard initialTrials >= initialPopulation,
              let parent = EvolutionPopulation.tournament(population, size: tournamentSize, using: &context.rng).map({ population[$0] })
        else {
            var decisions = architectureSpace.trivialDecisions
            for _ in 0..<initialMutations { decisions = architectureSpace.mutate(decisions, using: &context.rng) }
            return Suggestion(config: context.space.sample(using: &context.rng),
                              architecture: architectureSpace.architecture(decisions).json, tag: ["origin": "initial"])
        }
        let decisions = architectureSpace.mutate(parent.decisions, using: &context.rng)
        let config = EvolutionPopulation.childConfig(parent.config, space: context.space, probability: paramMutation, using: &context.rng)
        return Suggestion(config: config, architecture: architectureSpace.architecture(decisions).json,
                          tag: ["origin": "child", "parent": .int(Int64(parent.trial))])
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        guard let member = EvolutionPopulation.member(from: trial, space: architectureSpace, objectives: context.objectives) else { return }
        population.append(member)
    }

    public mutating func abandon(_ trial: TrialRecord, context: inout StrategyContext) {
        if trial.tag?["origin"] == "initial" { initialTrials = max(0, initialTrials - 1) }
    }

    public func status(context: StrategyContext) -> JSON {
        var object = EvolutionPopulation.summary(population)
        object["tournamentSize"] = .int(Int64(tournamentSize))
        object["phase"] = .string(initialTrials < initialPopulation ? "initial" : "evolving")
        object["space"] = architectureSpace.json
        return .object(object)
    }
}
