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
    var parents: [Scored] = []
    var rank: [Int] = []
    var crowding: [Double] = []
    /// Completed trials since the last selection.
    var pool: [Scored] = []
    var generation = 0

    /// A completed config with its losses.
    struct Scored: Sendable, Hashable {
        var member: NSGA2Variation.Member
        var losses: [Double]
    }

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        self.space = space
        self.objectives = objectives
        (populationSize, variation) = try Self.variation(options, space: space, path: "params.strategy.options")
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
        let losses = objectives.losses(values).map { $0.isNaN ? Double.infinity : $0 }
        pool.append(Scored(member: NSGA2Variation.Member(config: trial.config, space: space), losses: losses))
        guard pool.count >= populationSize else { return }
        let union = parents + pool
        let kept = NSGA2Selection.survivors(union.map(\.losses), count: populationSize)
        parents = kept.map { union[$0] }
        (rank, crowding) = NSGA2Selection.rankAndCrowding(parents.map(\.losses))
        pool = []
        generation += 1
    }

    public func status(context: StrategyContext) -> JSON {
        [
            "generation": .int(Int64(generation)),
            "parents": .int(Int64(parents.count)),
            "completedThisGeneration": .int(Int64(pool.count)),
            "paretoFront": .int(Int64(rank.filter { $0 == 0 }.count)),
        ]
    }

    /// A random config before the first selection, else a child of two tournament winners.
    private func next(_ rng: inout SeededGenerator) -> JSONObject {
        guard !parents.isEmpty else { return space.sample(using: &rng) }
        let a = NSGA2Selection.tournament(rank: rank, crowding: crowding, rng: &rng)
        let b = NSGA2Selection.tournament(rank: rank, crowding: crowding, rng: &rng)
        return variation.child(parents[a].member, parents[b].member, rng: &rng)
    }
}
