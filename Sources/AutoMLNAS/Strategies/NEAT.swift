import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies

/// NEAT, NeuroEvolution of Augmenting Topologies (Stanley & Miikkulainen 2002): a population of
/// growing networks, evolved generation by generation with speciation and fitness sharing.
///
/// ```json
/// {"strategy": {"name": "neat", "options": {"populationSize": 50, "inputs": 2, "outputs": 1}},
///  "objectives": [{"name": "fitness", "goal": "maximize"}], "space": {"params": []}}
/// ```
///
/// Generational: asks hand out the current generation's genomes, one per trial, as
/// `architecture = {space: "neat", decisions: [], genotype: {nodes, connections}, generation,
/// species}`; once the whole generation is out but not all told, asks answer `waiting`; the last
/// tell breeds the next generation. A genome's fitness is the negated loss of the first
/// objective (its value when maximized); failed and pruned trials rank below every other genome,
/// and an abandoned trial's genome is handed out again. The session's `space` params, if any,
/// are drawn from their prior for each trial. `NEATFitness` evaluates a genome on a data set
/// (the engine's trainer does so for `neat` trials); `NEATNetwork` runs one.
///
/// References: Stanley & Miikkulainen, "Evolving Neural Networks through Augmenting
/// Topologies", Evolutionary Computation 10(2), 2002.
public struct NEAT: Strategy {
    public typealias Options = NEATOptions

    public static let name = "neat"
    public static let family = "nas"
    public static let summary = "NEAT: evolves network weights and topologies together, with innovation numbers, speciation and fitness sharing (Stanley & Miikkulainen 2002)."
    public static let optionsSchema: JSON = NEATOptions.schema
    public static let capabilities = StrategyCapabilities(multiObjective: false)

    /// Where a genome of the current generation is.
    enum Slot: Sendable, Hashable {
        case open
        case out
        case done(Double?)
    }

    let settings: NEATSettings
    let objective: Objective
    var population: NEATPopulation?
    var slots: [Slot] = []
    /// The best fitness of each finished generation.
    var generationBest: [Double] = []

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        settings = try options.settings(path: "params.strategy.options")
        objective = objectives.first ?? Objective.defaultList[0]
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        if population == nil {
            population = NEATPopulation(settings: settings, rng: &context.rng)
            slots = Array(repeating: .open, count: settings.populationSize)
        }
        guard let population else { return AskOutcome([], waiting: true) }
        var suggestions: [Suggestion] = []
        while suggestions.count < count, let index = slots.firstIndex(of: .open) {
            slots[index] = .out
            let architecture = Architecture(
                space: "neat", decisions: [], genotype: population.genomes[index].json, model: nil,
                extra: [
                    "generation": .int(Int64(population.generation)),
                    "species": population.speciesID(of: index).map { .int(Int64($0)) } ?? .null,
                ])
            suggestions.append(Suggestion(
                config: context.space.sample(using: &context.rng), architecture: architecture.json,
                tag: ["generation": .int(Int64(population.generation)), "genome": .int(Int64(index))]))
        }
        return AskOutcome(suggestions, waiting: suggestions.count < count)
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        guard let index = slot(of: trial), case .out = slots[index] else { return }
        var fitness: Double?
        if trial.state == .complete, let value = trial.value, value.isFinite {
            fitness = -objective.loss(value)
        }
        slots[index] = .done(fitness)
        guard slots.allSatisfy({ if case .done = $0 { return true } else { return false } }), var population else { return }
        let values: [Double?] = slots.map { if case .done(let f) = $0 { return f } else { return nil } }
        generationBest.append(values.compactMap { $0 }.max() ?? -.infinity)
        population.advance(fitness: values, rng: &context.rng)
        self.population = population
        slots = Array(repeating: .open, count: population.genomes.count)
    }

    public mutating func abandon(_ trial: TrialRecord, context: inout StrategyContext) {
        guard let index = slot(of: trial), case .out = slots[index] else { return }
        slots[index] = .open
    }

    public func status(context: StrategyContext) -> JSON {
        var object: JSONObject = [
            "generation": .int(Int64(population?.generation ?? 0)),
            "species": .int(Int64(population?.species.count ?? 0)),
        ]
        if let best = generationBest.filter(\.isFinite).max() { object["bestFitness"] = .double(best) }
        object["generationBest"] = .array(generationBest.suffix(20).map { $0.isFinite ? .double($0) : .null })
        return .object(object)
    }

    /// The current generation's slot a trial was handed out for, if it is one.
    private func slot(of trial: TrialRecord) -> Int? {
        guard let population, let generation = trial.tag?["generation"]?.intValue, generation == population.generation,
              let genome = trial.tag?["genome"]?.intValue, let index = Int(exactly: genome), slots.indices.contains(index)
        else { return nil }
        return index
    }
}
