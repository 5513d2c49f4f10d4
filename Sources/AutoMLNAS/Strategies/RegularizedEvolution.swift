import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies

/// Regularized (aging) evolution, the search behind AmoebaNet.
///
/// The first `population` trials are random architectures. After that, each trial is a child:
/// `sample` members are drawn from the population, the best of them (lowest loss of objective
/// 0) is the parent, and the child is the parent with exactly one decision changed (the
/// space's `mutate`: over a NASNet space, a block's input or operation), or the parent
/// unchanged with probability `identityProbability` (the paper's identity mutation, a
/// re-evaluation). When a child is told complete it joins the population and the OLDEST member
/// dies, whatever its loss: every architecture must keep being re-discovered to survive, which
/// favours architectures that train well consistently. Failed and pruned trials never join.
///
/// Session params (`space` of `session/create`): random trials draw them from the prior; a
/// child inherits its parent's and, with probability `paramMutation`, redraws one of them.
/// Children handed out together, or while others are pending, differ from every pending
/// architecture (redrawn up to 20 times).
///
/// References: Real, Aggarwal, Huang & Le, "Regularized Evolution for Image Classifier
/// Architecture Search", AAAI 2019.
public struct RegularizedEvolution: Strategy, DistinctArchitectureDrawing {
    public struct Options: Decodable, Sendable {
        /// The architecture space; default `ArchitectureSpaces.make(nil)`.
        public var space: JSON?
        /// Population size P (default 20; the paper: 100).
        public var population: Int?
        /// Tournament size S (default 5; the paper: 25).
        public var sample: Int?
        /// Probability of a child equal to its parent (default 0.05).
        public var identityProbability: Double?
        /// Probability that a child redraws one session param (default 0.25).
        public var paramMutation: Double?
    }

    public static let name = "regularized-evolution"
    public static let family = "nas"
    public static let summary = "Aging evolution (AmoebaNet): tournament parents, one-decision mutations, the oldest member dies."
    public static let optionsSchema = EvolutionPopulation.optionsSchema([
        ("population", ["type": "integer", "minimum": 2, "maximum": 100_000, "description": "Population size (default 20)."]),
        ("sample", ["type": "integer", "minimum": 1, "description": "Tournament size, at most the population (default 5)."]),
        ("identityProbability", ["type": "number", "minimum": 0, "maximum": 1,
                                 "description": "Probability that a child repeats its parent (default 0.05)."]),
    ])
    public static let capabilities = StrategyCapabilities(multiObjective: false)

    public let architectureSpace: any ArchitectureSpace
    public let populationSize: Int
    public let sampleSize: Int
    public let identityProbability: Double
    public let paramMutation: Double
    /// The members in order of joining: the first is the oldest.
    public private(set) var population: [EvolutionMember] = []
    /// Random trials handed out (and not abandoned) so far.
    private(set) var randomTrials = 0
    private(set) var deaths = 0

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        let path = "params.strategy.options"
        architectureSpace = try ArchitectureSpaces.make(options.space, path: "\(path).space")
        populationSize = options.population ?? 20
        guard (2...100_000).contains(populationSize) else {
            throw JSONFieldError(path: "\(path).population", reason: "expected an integer from 2 to 100000")
        }
        sampleSize = options.sample ?? min(5, populationSize)
        guard (1...populationSize).contains(sampleSize) else {
            throw JSONFieldError(path: "\(path).sample", reason: "expected an integer from 1 to the population (\(populationSize))")
        }
        identityProbability = try EvolutionPopulation.probability(options.identityProbability, default: 0.05, field: "identityProbability")
        paramMutation = try EvolutionPopulation.probability(options.paramMutation, default: 0.25, field: "paramMutation")
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        AskOutcome(drawDistinct(count, context: &context))
    }

    mutating func accept(_ suggestion: Suggestion) {
        if suggestion.tag?["origin"] == "random" { randomTrials += 1 }
    }

    /// A random trial while the initial population is being handed out (or when no member is
    /// left to breed from), else a child.
    func draw(context: inout StrategyContext) -> Suggestion {
        guard randomTrials >= populationSize,
              let parent = EvolutionPopulation.tournament(population, size: sampleSize, using: &context.rng).map({ population[$0] })
        else {
            let decisions = architectureSpace.sample(using: &context.rng)
            return Suggestion(config: context.space.sample(using: &context.rng),
                              architecture: architectureSpace.architecture(decisions).json, tag: ["origin": "random"])
        }
        let identity = identityProbability > 0 && context.rng.nextUnit() < identityProbability
        let decisions = identity ? parent.decisions : architectureSpace.mutate(parent.decisions, using: &context.rng)
        let config = EvolutionPopulation.childConfig(parent.config, space: context.space, probability: paramMutation, using: &context.rng)
        return Suggestion(config: config, architecture: architectureSpace.architecture(decisions).json,
                          tag: ["origin": "child", "parent": .int(Int64(parent.trial))])
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        guard let member = EvolutionPopulation.member(from: trial, space: architectureSpace, objectives: context.objectives) else { return }
        population.append(member)
        if population.count > populationSize {
            population.removeFirst()
            deaths += 1
        }
    }

    public mutating func abandon(_ trial: TrialRecord, context: inout StrategyContext) {
        if trial.tag?["origin"] == "random" { randomTrials = max(0, randomTrials - 1) }
    }

    public func status(context: StrategyContext) -> JSON {
        var object = EvolutionPopulation.summary(population)
        object["capacity"] = .int(Int64(populationSize))
        object["deaths"] = .int(Int64(deaths))
        object["phase"] = .string(randomTrials < populationSize ? "initial" : "evolving")
        object["space"] = architectureSpace.json
        return .object(object)
    }
}
