import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace

/// NSGA-II (Deb et al. 2002): an elitist genetic algorithm for one or several objectives.
///
/// ```json
/// {"strategy": {"name": "nsga2", "options": {"populationSize": 40}},
///  "objectives": [{"name": "error", "goal": "minimize"}, {"name": "size", "goal": "minimize"}]}
/// ```
///
/// Generations are counted in completed trials: the first `populationSize` are drawn at random;
/// each time `populationSize` more trials complete, they join the parents and the best
/// `populationSize` of the union survive (non-dominated fronts, then crowding distance on the
/// last front that fits). Every suggestion in between is a child of the current parents:
/// binary tournaments on (rank, crowding distance), SBX crossover and polynomial mutation in
/// the unit cube, uniform crossover and random reset for categorical parameters. So pending
/// trials never block an ask: asking for more than a generation just breeds more children of
/// the same parents. Failed and pruned trials do not count; trials the strategy did not suggest
/// (warm start, enqueued) count like its own. With one objective the fronts are the sorted
/// values (ties share a front), and the algorithm is a (μ + λ) genetic algorithm.
///
/// References: Deb, Pratap, Agarwal & Meyarivan, "A Fast and Elitist Multiobjective Genetic
/// Algorithm: NSGA-II", IEEE TEVC 6(2), 2002.
public struct NSGA2: Strategy {
    public static let name = "nsga2"
    public static let family = "hpo"
    public static let summary = "NSGA-II: elitist genetic algorithm with non-dominated sorting and crowding distance; SBX and polynomial mutation (Deb et al. 2002)."
    public static let capabilities = StrategyCapabilities(multiObjective: true)

    let space: SearchSpace
    let objectives: [Objective]
    let populationSize: Int
    let variation: NSGA2Variation
    var generations: NSGA2Generations<NSGA2Variation.Member>

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        self.space = space
        self.objectives = objectives
        (populationSize, variation) = try Self.variation(options, space: space, path: "params.strategy.options")
        generations = NSGA2Generations(populationSize: populationSize)
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        var seen = Set(context.trials.map(\.config))
        var suggestions: [Suggestion] = []
        for _ in 0..<count {
            var config = next(&context.rng)
            var attempts = 1
            while seen.contains(config) && attempts < 16 {
                config = attempts < 8 ? next(&context.rng) : space.sample(using: &context.rng)
                attempts += 1
            }
            seen.insert(config)
            suggestions.append(Suggestion(config: config))
        }
        return AskOutcome(suggestions)
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        guard trial.state == .complete, let values = trial.values, values.count == objectives.count else { return }
        generations.add(NSGA2Variation.Member(config: trial.config, space: space), losses: objectives.losses(values))
    }

    public func status(context: StrategyContext) -> JSON { .object(generations.status) }

    /// A random config before the first selection, else a child of two tournament winners.
    private func next(_ rng: inout SeededGenerator) -> JSONObject {
        guard let (a, b) = generations.tournamentPair(&rng) else { return space.sample(using: &rng) }
        return variation.child(a, b, rng: &rng)
    }
}
