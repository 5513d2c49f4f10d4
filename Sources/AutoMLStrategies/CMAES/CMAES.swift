import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace

/// CMA-ES, the covariance matrix adaptation evolution strategy, with IPOP restarts and, for
/// discrete parameters, the margin of CMA-ES with Margin.
///
/// The search runs in the space's unit cube (`SearchSpace.encode`/`decode`; log parameters are
/// already in log space there), from the cube's centre with step size `sigma0` (1/6, Optuna's
/// choice of a sixth of the range). Continuous coordinates are kept in `[0, 1]` by resampling
/// (up to 100 times, then clipping). Discrete coordinates (ints, stepped floats, ordinals and
/// categoricals: see `CMAESMargin`, a categorical is its coordinate's cells in declaration
/// order) decode to the cell their value falls in and get the margin unless `withMargin` is
/// false. Conditional spaces: every coordinate is searched and `decode` drops the inactive
/// ones; their coordinates still drift with the distribution but cannot change the value.
///
/// Asynchronous policy (never waits, never returns fewer than asked): every `ask` samples
/// fresh points from the current distribution and tags them with the generation. A generation
/// is complete when `λ` of its trials have been told complete; their values (the first `λ` to
/// arrive) update the distribution and the next asks sample the next generation. A failed,
/// pruned or abandoned member is simply replaced by the next sample (resampled, never given a
/// made-up value); a member of an older generation told late is ignored, as are trials the
/// strategy did not sample (enqueued configs, warm starts). So `ask(count: 8)` with `λ = 6`
/// hands out 8 members of the same generation, and the slowest two are surplus.
///
/// Restarts (`restarts: "ipop"`, the default): when a termination criterion holds
/// (`CMAESTermination`), the run restarts from a uniformly random mean with the population
/// doubled (up to 64 times the first). With `"none"` the run continues from its converged
/// distribution, as Optuna's sampler does by default.
///
/// References: Hansen & Ostermeier, "Completely derandomized self-adaptation in evolution
/// strategies", Evol. Comput. 2001; Hansen, "The CMA Evolution Strategy: A Tutorial",
/// arXiv:1604.00772 (2016); Auger & Hansen, "A restart CMA evolution strategy with increasing
/// population size", CEC 2005; Hamano, Saito, Nomura & Shirakawa, "CMA-ES with Margin:
/// Lower-Bounding Marginal Probability for Mixed-Integer Black-Box Optimization", GECCO 2022.
public struct CMAES: Strategy {
    public struct Options: Decodable, Sendable {
        /// The initial step size in unit-cube units (default 1/6).
        public var sigma0: Double?
        /// The population `λ` of the first run (default `4 + ⌊3 ln n⌋`).
        public var popsize: Int?
        /// `"ipop"` (default) or `"none"`.
        public var restarts: String?
        /// Apply the margin to discrete parameters (default true).
        public var withMargin: Bool?
    }

    public static let name = "cmaes"
    public static let family = "hpo"
    public static let summary = "CMA-ES in the unit cube with IPOP restarts and a margin for discrete parameters."
    public static let optionsSchema: JSON = [
        "type": "object",
        "properties": [
            "sigma0": ["type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.16666666666666666, "description": "Initial step size in unit-cube units."],
            "popsize": ["type": "integer", "minimum": 2, "maximum": 10_000, "description": "Population of the first run (default 4 + floor(3 ln n))."],
            "restarts": ["type": "string", "enum": ["ipop", "none"], "default": "ipop", "description": "Restart with a doubled population when a run stagnates, or never."],
            "withMargin": ["type": "boolean", "default": true, "description": "Keep discrete parameters exploring (CMA-ES with Margin)."],
        ],
        "additionalProperties": false,
    ]
    public static let capabilities = StrategyCapabilities(multiObjective: false)

    /// Samples drawn before a point outside the cube is clipped instead.
    static let maxResampling = 100
    /// IPOP stops doubling the population at this multiple of the first one.
    static let maxPopulationGrowth = 64

    let space: SearchSpace
    let objective: Objective
    let sigma0: Double
    let initialLambda: Int
    let ipop: Bool
    /// Per coordinate, the cells of discrete coordinates that get the margin.
    let marginCells: [UnitCells?]
    /// Per coordinate, whether samples must lie in `[0, 1]` (all but margin coordinates).
    let bounded: [Bool]

    var distribution: CMAESDistribution
    var margin: CMAESMargin?
    var termination: CMAESTermination
    var restartCount = 0
    var lastStop: String?
    /// The generation handed out now, counted across restarts (the trials' tag).
    var generation = 0
    /// Raw samples of the current generation not yet told, by sample number.
    var samples: [Int: [Double]] = [:]
    var nextSample = 0
    /// Told members of the current generation, in the order they arrived.
    var results: [(point: [Double], loss: Double)] = []

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        let path = "params.strategy.options"
        let sigma0 = options.sigma0 ?? 1.0 / 6
        guard sigma0.isFinite, sigma0 > 0, sigma0 <= 1 else {
            throw JSONFieldError(path: JSONPath.member(path, "sigma0"), reason: "expected a number in (0, 1] (unit-cube units)")
        }
        let n = space.dimension
        let lambda = options.popsize ?? CMAESParameters.defaultLambda(dimension: n)
        guard (2...10_000).contains(lambda) else {
            throw JSONFieldError(path: JSONPath.member(path, "popsize"), reason: "expected an integer from 2 to 10000")
        }
        switch options.restarts ?? "ipop" {
        case "ipop": ipop = true
        case "none": ipop = false
        default: throw JSONFieldError(path: JSONPath.member(path, "restarts"), reason: "expected \"ipop\" or \"none\"")
        }
        let withMargin = options.withMargin ?? true
        self.space = space
        self.objective = objectives.first ?? Objective.defaultList[0]
        self.sigma0 = sigma0
        self.initialLambda = lambda
        let cells = withMargin ? space.parameters.map { UnitCells($0) } : Array(repeating: nil, count: n)
        self.marginCells = cells
        self.bounded = cells.map { $0 == nil }
        self.distribution = CMAESDistribution(
            mean: Array(repeating: 0.5, count: n), sigma: sigma0, parameters: CMAESParameters(dimension: n, lambda: lambda))
        self.margin = Self.makeMargin(cells: cells, lambda: lambda)
        self.termination = CMAESTermination(dimension: n, lambda: lambda)
    }

    static func makeMargin(cells: [UnitCells?], lambda: Int) -> CMAESMargin? {
        guard cells.contains(where: { $0 != nil }) else { return nil }
        return CMAESMargin(cells: cells, alpha: 1 / Double(cells.count * lambda))
    }

    var lambda: Int { distribution.parameters.lambda }

    // MARK: - Ask and tell

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        var suggestions: [Suggestion] = []
        for _ in 0..<max(count, 0) {
            let raw = sample(using: &context.rng)
            let evaluated = margin?.encoded(raw, mean: distribution.mean) ?? raw
            let tag: JSON = ["generation": .int(Int64(generation)), "sample": .int(Int64(nextSample))]
            samples[nextSample] = raw
            nextSample += 1
            suggestions.append(Suggestion(config: space.decode(evaluated), tag: tag))
        }
        return AskOutcome(suggestions)
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        guard let raw = claim(trial), trial.state == .complete, let value = trial.value else { return }
        let loss = objective.loss(value)
        results.append((raw, loss.isNaN ? .infinity : loss))
        if results.count >= lambda { finishGeneration(using: &context.rng) }
    }

    public mutating func abandon(_ trial: TrialRecord, context: inout StrategyContext) {
        _ = claim(trial)
    }

    public func status(context: StrategyContext) -> JSON {
        var object: JSONObject = [
            "generation": .int(Int64(generation)),
            "popsize": .int(Int64(lambda)),
            "sigma": .double(distribution.sigma),
            "restarts": .int(Int64(restartCount)),
            "told": .int(Int64(results.count)),
        ]
        if let lastStop { object["stopReason"] = .string(lastStop) }
        return .object(object)
    }

    /// The raw sample of a member of the current generation, removed from the open samples;
    /// nil for late members of older generations and for trials the strategy did not sample.
    mutating func claim(_ trial: TrialRecord) -> [Double]? {
        guard let tag = trial.tag, tag["generation"]?.intValue == Int64(generation),
            let number = tag["sample"]?.intValue, let key = Int(exactly: number)
        else { return nil }
        return samples.removeValue(forKey: key)
    }

    // MARK: - Generations

    /// A sample of the current distribution whose bounded coordinates lie in the unit cube.
    func sample(using rng: inout SeededGenerator) -> [Double] {
        let n = distribution.dimension
        var x: [Double] = []
        for _ in 0...Self.maxResampling {
            let z = (0..<n).map { _ in rng.nextGaussian() }
            x = distribution.point(fromStandard: z)
            if (0..<n).allSatisfy({ !bounded[$0] || (0...1).contains(x[$0]) }) { return x }
        }
        for i in 0..<n where bounded[i] { x[i] = min(max(x[i], 0), 1) }
        return x
    }

    /// Ranks the told members (ties by arrival), updates the distribution, applies the margin,
    /// and restarts when a termination criterion holds.
    mutating func finishGeneration(using rng: inout SeededGenerator) {
        let order = results.indices.sorted { (results[$0].loss, $0) < (results[$1].loss, $1) }
        distribution.update(ranked: order.prefix(lambda).map { results[$0].point })
        if let first = order.first, let last = order.last {
            termination.record(best: results[first].loss, worst: results[last].loss)
        }
        if var margin {
            margin.correct(&distribution)
            self.margin = margin
        }
        generation += 1
        samples.removeAll()
        results.removeAll()
        if let reason = termination.reason(distribution, sigma0: sigma0) {
            lastStop = reason
            if ipop || !distribution.isFinite { restart(using: &rng) }
        }
    }

    /// A new run from a uniformly random mean; IPOP doubles the population.
    mutating func restart(using rng: inout SeededGenerator) {
        restartCount += 1
        let n = distribution.dimension
        var lambda = self.lambda
        if ipop { lambda = min(lambda * 2, max(initialLambda * Self.maxPopulationGrowth, lambda)) }
        let mean = (0..<n).map { _ in rng.nextUnit() }
        distribution = CMAESDistribution(mean: mean, sigma: sigma0, parameters: CMAESParameters(dimension: n, lambda: lambda))
        termination = CMAESTermination(dimension: n, lambda: lambda)
        margin = Self.makeMargin(cells: marginCells, lambda: lambda)
    }
}
