import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace

#if canImport(Glibc)
import Glibc
#endif

/// Hyperband-BO's model (Bertrand et al. 2017): a bracket's new configurations are sampled from
/// the expected improvement of a Gaussian process, normalized into a distribution.
///
/// When a bracket needs its first configuration, the sampler picks the largest budget with at
/// least `minPoints` complete results (BOHB's rule: the most faithful results that can carry a
/// model), fits a GP to them as `gp` does (standardized and power-warped losses, Matérn-5/2 ARD
/// kernel, maximum a posteriori hyper-parameters warm-started from the previous fit at that
/// budget), scores `candidates` scrambled Sobol points by EI, and draws the bracket's remaining
/// configurations at once, without replacement, with probability proportional to EI
/// (`exp(logEI - max logEI)`, so tails that underflow EI still order correctly). The bracket
/// then hands them out in turn. Until some budget has `minPoints` results, configurations are
/// uniform random; a bracket that started at random switches to the model as soon as it can.
///
/// Failed and pruned trials are ignored by the model, as `gp` ignores them.
///
/// References: H. Bertrand, R. Ardon, M. Perrot & I. Bloch, "Hyperparameter optimization of
/// deep neural networks: combining Hyperband with Bayesian model selection", CAp 2017;
/// J. Snoek, H. Larochelle & R. P. Adams, NeurIPS 2012.
struct ExpectedImprovementSampler: BracketSampler {
    struct Settings: Sendable, Hashable {
        var candidates = 1024
        /// nil: the space's dimension + 1, at least 3.
        var minPoints: Int?
        var fitRestarts = 2
    }

    let space: SearchSpace
    let encoding: GPSpaceEncoding
    let objective: Objective
    let settings: Settings
    /// The rung-0 size of the bracket that starts at each budget (Hyperband's brackets start at
    /// distinct budgets).
    let bracketSizes: [Double: Int]
    /// Configurations drawn for the current bracket and not handed out yet.
    private(set) var queue: [JSONObject] = []
    /// Draws made in a row at `runBudget` (at most a bracket's size): how much of the current
    /// bracket is already drawn.
    private(set) var runBudget: Double?
    private(set) var runLength = 0
    /// The last fit at each model budget (warm starts) and its L-BFGS memory.
    private var fits: [Double: (raw: [Double], memory: LBFGSMemory)] = [:]
    private(set) var modelBudget: Double?
    private(set) var modelDraws = 0
    private(set) var randomDraws = 0
    private(set) var batches = 0

    init(space: SearchSpace, objective: Objective, settings: Settings, schedule: [BudgetSchedule.Bracket]) {
        self.space = space
        self.encoding = GPSpaceEncoding(space: space)
        self.objective = objective
        self.settings = settings
        var sizes: [Double: Int] = [:]
        for bracket in schedule { sizes[bracket.budgets[0]] = max(sizes[bracket.budgets[0]] ?? 0, bracket.sizes[0]) }
        self.bracketSizes = sizes
        BLASThreads.pinToOne()
    }

    /// The fewest complete results at one budget that a model is fitted on.
    var minPoints: Int { settings.minPoints ?? max(space.dimension + 1, 3) }

    mutating func observe(_ trial: TrialRecord, loss: Double?, context: inout StrategyContext) {}

    mutating func draw(budget: Double, context: inout StrategyContext) -> JSONObject {
        let size = bracketSizes[budget] ?? 1
        if runBudget != budget || runLength >= size {
            runBudget = budget
            runLength = 0
            queue = []
        }
        runLength += 1
        if !queue.isEmpty {
            modelDraws += 1
            return queue.removeFirst()
        }
        if let batch = sampleBatch(size - runLength + 1, context: &context), !batch.isEmpty {
            queue = Array(batch.dropFirst())
            modelDraws += 1
            batches += 1
            return batch[0]
        }
        randomDraws += 1
        return space.sample(using: &context.rng)
    }

    /// `count` configurations drawn without replacement in proportion to EI, or nil while no
    /// budget has enough results.
    mutating func sampleBatch(_ count: Int, context: inout StrategyContext) -> [JSONObject]? {
        var completeByBudget: [Double: [TrialRecord]] = [:]
        for trial in context.trials where trial.state == .complete {
            guard let budget = trial.budget, let value = trial.value, value.isFinite else { continue }
            completeByBudget[budget, default: []].append(trial)
        }
        guard let chosen = completeByBudget.keys.filter({ (completeByBudget[$0]?.count ?? 0) >= minPoints }).max(),
            let trials = completeByBudget[chosen]
        else { return nil }
        let data = GPTrainingSet(trials: trials, objective: objective, encoding: encoding, warp: true)
        guard data.count >= 2 else { return nil }
        let likelihood = GPMarginalLikelihood(x: data.points, y: data.standardized, categorical: encoding.isCategorical, fixedNoise: false)
        var memory = fits[chosen]?.memory ?? LBFGSMemory(capacity: GPHyperparameterFit.optimizer.memory)
        let raw = GPHyperparameterFit.maximumAPosteriori(
            likelihood, warmStart: fits[chosen]?.raw, memory: &memory, restarts: settings.fitRestarts, generator: &context.rng)
        fits[chosen] = (raw, memory)
        guard let model = try? GaussianProcess(x: data.points, y: data.standardized, hyperparameters: GPHyperparameters(raw: raw), categorical: encoding.isCategorical)
        else { return nil }
        modelBudget = chosen
        let function = AcquisitionFunction(kind: .logEI, best: data.standardized.min() ?? 0, beta: 0)
        let surface = AcquisitionSurface(models: [model], function: function, cost: nil)
        let optimizer = AcquisitionOptimizer(encoding: encoding, candidates: settings.candidates, localSearches: 0, minimumValueSamples: 0)
        let points = optimizer.candidatePoints(generator: &context.rng)
        let d = encoding.dimension
        let m = points.count / max(d, 1)
        let logEI = surface.values(points: points, count: m)
        let configs = (0..<m).map { encoding.config(Array(points[($0 * d)..<(($0 + 1) * d)])) }
        return Self.sampleWithoutReplacement(count, configs: configs, logWeights: logEI, generator: &context.rng)
    }

    /// Roulette draws without replacement with weights `exp(w - max w)`; a config drawn once is
    /// not drawn again even if several candidates decode to it. When every remaining weight is
    /// zero (or not finite), the rest are drawn uniformly.
    static func sampleWithoutReplacement(
        _ count: Int, configs: [JSONObject], logWeights: [Double], generator: inout SeededGenerator
    ) -> [JSONObject] {
        let top = logWeights.filter(\.isFinite).max() ?? 0
        var weights = logWeights.map { $0.isFinite ? exp($0 - top) : 0 }
        var available = Array(repeating: true, count: configs.count)
        var drawn: [JSONObject] = []
        var seen: Set<JSONObject> = []
        while drawn.count < count {
            let open = configs.indices.filter { available[$0] }
            guard !open.isEmpty else { break }
            let total = open.reduce(0.0) { $0 + weights[$1] }
            var pick = open[open.count - 1]
            if total > 0, total.isFinite {
                var target = generator.nextUnit() * total
                for i in open where weights[i] > 0 {
                    // The last positive weight takes whatever rounding leaves over.
                    pick = i
                    target -= weights[i]
                    if target <= 0 { break }
                }
            } else {
                pick = open[generator.nextInt(below: open.count)]
            }
            available[pick] = false
            weights[pick] = 0
            if seen.insert(configs[pick]).inserted { drawn.append(configs[pick]) }
        }
        return drawn
    }

    func status() -> JSON {
        .object([
            "sampler": "expected-improvement",
            "modelBudget": modelBudget.map { .double($0) } ?? .null,
            "modelDraws": .int(Int64(modelDraws)),
            "randomDraws": .int(Int64(randomDraws)),
            "batches": .int(Int64(batches)),
        ])
    }
}
