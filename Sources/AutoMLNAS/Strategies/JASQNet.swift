import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import AutoMLStrategies

/// JASQ (Chen et al. 2018): a joint evolutionary search over architectures and per-layer weight
/// bit widths, for several objectives such as accuracy and model size.
///
/// ```json
/// {"strategy": {"name": "jasqnet", "options": {"space": {"kind": "quantized", "base": {"kind": "nasnet"}},
///                                               "populationSize": 20}},
///  "objectives": [{"name": "validationAccuracy", "goal": "maximize"}, {"name": "modelBytes", "goal": "minimize"}]}
/// ```
///
/// The search space is a `QuantizedSpace` (any other space given as `space` is wrapped in one
/// with the default widths). Each trial carries `architecture = {space: "quantized", decisions,
/// genotype: {architecture, weightBits}, model, training: {weightBits}, modelBytes}`: the
/// engine's trainer trains `model`, quantizes it with `training.weightBits` and reports
/// `modelBytes`. Selection is NSGA-II's over the session's objectives (non-dominated fronts,
/// crowding distance, binary tournaments; `NSGA2Selection`), generations counted in completed
/// trials as in `nsga2`: the first `populationSize` architectures are random, then every child
/// is a uniform crossover of two tournament winners' decision vectors (with probability
/// `crossoverProbability`, else a copy of the first) followed by the space's mutation of one
/// decision (an architecture decision or one layer's width, half the time each). Session `space`
/// params are drawn from their prior. `session/best` returns the Pareto set of the session's
/// trials, as for every multi-objective session.
///
/// References: Chen, Meng, Zhang, Wang, Fu, Xiang & Pan, "Joint Neural Architecture Search and
/// Quantization", arXiv:1811.09426, 2018; Deb et al., "A Fast and Elitist Multiobjective Genetic
/// Algorithm: NSGA-II", IEEE TEVC 2002.
public struct JASQNet: Strategy {
    public struct Options: Decodable, Sendable {
        /// A `quantized` space, or any architecture space to wrap in one (default: a quantized
        /// default NASNet space).
        public var space: JSON?
        /// Parents kept per generation, and completed trials per generation (default 20).
        public var populationSize: Int?
        /// Probability that a child crosses two parents' decisions (default 0.5).
        public var crossoverProbability: Double?

        public init(space: JSON? = nil, populationSize: Int? = nil, crossoverProbability: Double? = nil) {
            self.space = space
            self.populationSize = populationSize
            self.crossoverProbability = crossoverProbability
        }
    }

    public static let name = "jasqnet"
    public static let family = "nas"
    public static let summary = "JASQ: evolutionary joint search of architectures and per-layer weight bit widths, NSGA-II selection over accuracy and model size (Chen et al. 2018)."
    public static let capabilities = StrategyCapabilities(multiObjective: true)
    public static let optionsSchema: JSON = [
        "type": "object",
        "properties": [
            "space": [
                "type": "object",
                "description": "A quantized space {\"kind\": \"quantized\", \"base\": {...}, \"bits\": [2, 4, 8, 16, 32], \"layers\"?}, or any architecture space (wrapped in one). Default: a quantized default NASNet space.",
            ],
            "populationSize": [
                "type": "integer", "minimum": 2, "maximum": 100_000, "default": 20,
                "description": "Parents kept per generation; a generation ends after this many completed trials.",
            ],
            "crossoverProbability": [
                "type": "number", "minimum": 0, "maximum": 1, "default": 0.5,
                "description": "Probability that a child crosses two parents' decision vectors before its one-decision mutation.",
            ],
        ],
        "additionalProperties": false,
    ]

    let architectures: QuantizedSpace
    let objectives: [Objective]
    let populationSize: Int
    let crossoverProbability: Double
    /// Members are decision vectors.
    var generations: NSGA2Generations<[Int]>

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        let path = "params.strategy.options"
        architectures = try Self.quantizedSpace(options.space, path: JSONPath.member(path, "space"))
        self.objectives = objectives
        populationSize = options.populationSize ?? 20
        guard (2...100_000).contains(populationSize) else {
            throw JSONFieldError(path: JSONPath.member(path, "populationSize"), reason: "expected an integer from 2 to 100000")
        }
        crossoverProbability = options.crossoverProbability ?? 0.5
        guard crossoverProbability.isFinite, (0...1).contains(crossoverProbability) else {
            throw JSONFieldError(path: JSONPath.member(path, "crossoverProbability"), reason: "expected a probability in [0, 1]")
        }
        generations = NSGA2Generations(populationSize: populationSize)
    }

    /// The space `json` describes, wrapped in a quantized space unless it is one.
    static func quantizedSpace(_ json: JSON?, path: String) throws(JSONFieldError) -> QuantizedSpace {
        if json?["kind"]?.stringValue == "quantized", let json { return try QuantizedSpace(json: json, path: path) }
        return QuantizedSpace(base: try ArchitectureSpaces.make(json, path: path))
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        var seen = Set(context.trials.compactMap { Architecture.decisions(in: $0.architecture) })
        var suggestions: [Suggestion] = []
        for _ in 0..<count {
            var decisions = next(&context.rng)
            var attempts = 1
            while seen.contains(decisions) && attempts < 16 {
                decisions = attempts < 8 ? next(&context.rng) : architectures.sample(using: &context.rng)
                attempts += 1
            }
            seen.insert(decisions)
            suggestions.append(Suggestion(config: context.space.sample(using: &context.rng),
                                          architecture: architectures.architecture(decisions).json))
        }
        return AskOutcome(suggestions)
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        guard trial.state == .complete, let values = trial.values, values.count == objectives.count,
              let decisions = Architecture.decisions(in: trial.architecture), architectures.isValid(decisions)
        else { return }
        generations.add(decisions, losses: objectives.losses(values))
    }

    public func status(context: StrategyContext) -> JSON {
        var object = generations.status
        object["space"] = architectures.json
        return .object(object)
    }

    /// A random architecture before the first selection, else a child of two tournament winners.
    private func next(_ rng: inout SeededGenerator) -> [Int] {
        guard let (a, b) = generations.tournamentPair(&rng) else { return architectures.sample(using: &rng) }
        var child = a
        if rng.nextUnit() < crossoverProbability {
            for k in child.indices where k < b.count && rng.nextUnit() < 0.5 { child[k] = b[k] }
        }
        return architectures.mutate(child, using: &rng)
    }
}
