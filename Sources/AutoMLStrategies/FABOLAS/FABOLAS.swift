import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace

/// FABOLAS: Bayesian optimization over configurations and training-set sizes (Klein, Falkner,
/// Bartels, Hennig & Hutter 2017).
///
/// Budgets are data fractions: a suggestion's `budget` is `s × maxBudget` with `s` in
/// `[minBudget / maxBudget, 1]` (with the default `maxBudget` of 1 the budget *is* the fraction,
/// the trainer's `dataFraction`; with `maxBudget: 729` a budget of 9 stands for `s = 1/81`).
///
/// Each suggestion:
/// 1. The initial design first: `initialConfigurations` Sobol configurations, each evaluated at
///    the `initialSizes` smallest subset sizes of the grid above the minimum (for
///    `minBudget = maxBudget / 512`: 1/256, 1/128 and 1/64, as RoBO does), all configurations at
///    one size before the next.
/// 2. Then a GP of the loss over (configuration, `t`) with the product kernel
///    Matérn-5/2 × `(a + b (1 - t)²(1 - t')²)` and a GP of the log cost with basis `(1, t)`
///    (`FidelityKernel`, `t` the log-scaled subset size), maximum a posteriori hyper-parameters
///    warm-started from the previous fit (`FidelityLikelihood`). Pending trials are kriging
///    believers.
/// 3. The acquisition, information gain about the minimum loss at `s = 1` per unit of predicted
///    cost (max-value entropy search extended across fidelities, `FidelityInformationGain`, the
///    documented approximation of FABOLAS's entropy search), is maximized over Sobol candidate
///    configurations (and perturbations of the most promising ones) times the log grid of
///    subset sizes (`FidelityScale`).
///
/// The incumbent is the configuration among those evaluated whose predicted loss at `s = 1` is
/// lowest (RoBO's projected incumbent); `session/status` shows it with its predicted value. As
/// in the paper, FABOLAS does not spend budget evaluating it on the full data set; with
/// `incumbentInterval: k` it does, after every `k` model-based suggestions, whenever the
/// incumbent has no full-budget result yet (so `session/best` can report it).
///
/// Without told costs the cost of a trial is taken to be its budget. Failed and pruned trials
/// are ignored by the models; an abandoned design trial is handed out again.
///
/// References: A. Klein, S. Falkner, S. Bartels, P. Hennig & F. Hutter, "Fast Bayesian
/// Optimization of Machine Learning Hyperparameters on Large Datasets", AISTATS 2017;
/// P. Hennig & C. J. Schuler, "Entropy Search for Information-Efficient Global Optimization",
/// JMLR 2012; Z. Wang & S. Jegelka, "Max-value Entropy Search", ICML 2017; S. Takeno et al.,
/// "Multi-fidelity Bayesian Optimization with Max-value Entropy Search and its
/// Parallelization", ICML 2020.
public struct FABOLAS: Strategy {
    public static let name = "fabolas"
    public static let family = "multi-fidelity"
    public static let summary = "Bayesian optimization over configurations and data-subset sizes: information gain about the full-data optimum per unit of predicted cost (FABOLAS)."
    public static let capabilities = StrategyCapabilities(multiObjective: false, multiFidelity: true)

    let space: SearchSpace
    let encoding: GPSpaceEncoding
    let objective: Objective
    let settings: Settings
    let scale: FidelityScale
    /// The initial design still to hand out, and abandoned design trials to hand out again.
    var design: [(config: JSONObject, t: Double)]?
    var returned: [(config: JSONObject, t: Double)] = []
    /// The last raw hyper-parameters of both models and their L-BFGS memories (warm starts).
    var lossFit: [Double]?
    var costFit: [Double]?
    var lossMemory = LBFGSMemory(capacity: GPHyperparameterFit.optimizer.memory)
    var costMemory = LBFGSMemory(capacity: GPHyperparameterFit.optimizer.memory)
    /// The incumbent as of the last model fit, and its predicted loss at `s = 1`.
    var incumbent: (config: JSONObject, loss: Double)?
    var modelSuggestions = 0
    var randomSuggestions = 0
    var incumbentEvaluations = 0
    var sinceIncumbent = 0

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        let settings = try Settings(options)
        self.settings = settings
        self.space = space
        self.encoding = GPSpaceEncoding(space: space)
        self.objective = objectives.first ?? Objective.defaultList[0]
        self.scale = FidelityScale(minBudget: settings.minBudget, maxBudget: settings.maxBudget, gridSize: settings.gridSize)
        BLASThreads.pinToOne()
    }

    /// The sizes (`t`) of the initial design: the grid's 2nd, 3rd, ... values.
    var initialSizes: [Double] {
        let grid = scale.grid
        guard grid.count > 1 else { return grid }
        var sizes: [Double] = []
        for k in 1...settings.initialSizes where !sizes.contains(grid[min(k, grid.count - 1)]) {
            sizes.append(grid[min(k, grid.count - 1)])
        }
        return sizes
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        if design == nil { design = makeDesign(generator: &context.rng) }
        var data = FABOLASData(trials: context.trials, objective: objective, encoding: encoding, scale: scale, maxPoints: settings.maxModelPoints)
        var suggestions: [Suggestion] = []
        while suggestions.count < count, let entry = nextDesignEntry(avoiding: data.pendingConfigs) {
            data.pendingConfigs.insert(entry.config)
            suggestions.append(Suggestion(config: entry.config, budget: scale.budget(entry.t), tag: "design"))
        }
        guard suggestions.count < count else { return AskOutcome(suggestions) }
        guard data.count >= 2, var model = fit(data, generator: &context.rng) else {
            while suggestions.count < count { suggestions.append(randomSuggestion(&data, generator: &context.rng)) }
            return AskOutcome(suggestions)
        }
        let ranked = model.rankedAtFullBudget(configurations: data.points, count: data.count)
        if let best = ranked.first { incumbent = (data.configs[best.index], data.loss(best.mean)) }
        var centers: [[Double]] = []
        for entry in ranked where centers.count < Self.localCenters {
            let point = Array(data.points[(entry.index * encoding.dimension)..<((entry.index + 1) * encoding.dimension)])
            if !centers.contains(point) { centers.append(point) }
        }
        for believer in data.pending { model.loss.appendBeliever(at: believer.point, t: believer.t) }
        while suggestions.count < count {
            if let config = incumbentDue(data) {
                incumbentEvaluations += 1
                sinceIncumbent = 0
                data.pendingConfigs.insert(config)
                data.evaluatedAtFull.insert(config)
                model.loss.appendBeliever(at: encoding.point(for: config), t: 1)
                suggestions.append(Suggestion(config: config, budget: scale.maxBudget, tag: "incumbent"))
                continue
            }
            guard let pick = propose(model, data, centers: centers, generator: &context.rng) else {
                suggestions.append(randomSuggestion(&data, generator: &context.rng))
                continue
            }
            modelSuggestions += 1
            sinceIncumbent += 1
            data.pendingConfigs.insert(pick.config)
            if pick.t >= 1 { data.evaluatedAtFull.insert(pick.config) }
            model.loss.appendBeliever(at: pick.point, t: pick.t)
            suggestions.append(Suggestion(config: pick.config, budget: scale.budget(pick.t), tag: "model"))
        }
        return AskOutcome(suggestions)
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {}

    public mutating func abandon(_ trial: TrialRecord, context: inout StrategyContext) {
        if trial.tag == .string("design") { returned.append((trial.config, scale.t(trial.budget))) }
    }

    public func status(context: StrategyContext) -> JSON {
        var status: JSONObject = [
            "modelSuggestions": .int(Int64(modelSuggestions)),
            "randomSuggestions": .int(Int64(randomSuggestions)),
            "incumbentEvaluations": .int(Int64(incumbentEvaluations)),
            "designLeft": .int(Int64((design?.count ?? settings.initialConfigurations * initialSizes.count) + returned.count)),
        ]
        if let incumbent {
            status["incumbent"] = .object(incumbent.config)
            status["incumbentPredicted"] = .double(objective.goal == .minimize ? incumbent.loss : -incumbent.loss)
        }
        if let lossFit {
            let fit = FidelityHyperparameters(raw: lossFit)
            status["lengthscales"] = .array(fit.inverseSquaredLengthscales.map { .double(1 / $0.squareRoot()) })
            status["sizeKernel"] = ["offset": .double(fit.offset), "slope": .double(fit.slope)]
            status["noise"] = .double(fit.noise)
        }
        return .object(status)
    }

    // MARK: - Design and fallbacks

    /// Sobol configurations (uniform ones beyond the Sobol tables), each at every initial size,
    /// all at the smallest size first.
    func makeDesign(generator: inout SeededGenerator) -> [(config: JSONObject, t: Double)] {
        var configs: [JSONObject] = []
        if space.dimension <= SobolSequence.maxDimension, var sobol = try? SobolSequence(dimension: space.dimension, scramble: true, generator: &generator) {
            for _ in 0..<settings.initialConfigurations { configs.append(space.decode(sobol.next())) }
        } else {
            for _ in 0..<settings.initialConfigurations { configs.append(space.sample(using: &generator)) }
        }
        return initialSizes.flatMap { t in configs.map { (config: $0, t: t) } }
    }

    /// The first returned or design entry whose config is not running; nil when none is left or
    /// every one left repeats a running config.
    mutating func nextDesignEntry(avoiding running: Set<JSONObject>) -> (config: JSONObject, t: Double)? {
        if let index = returned.firstIndex(where: { !running.contains($0.config) }) { return returned.remove(at: index) }
        guard let index = design?.firstIndex(where: { !running.contains($0.config) }) else { return nil }
        return design?.remove(at: index)
    }

    /// A uniform random config (not running) at a random initial size: while no model can be
    /// fitted, or when the acquisition has nothing to offer.
    mutating func randomSuggestion(_ data: inout FABOLASData, generator: inout SeededGenerator) -> Suggestion {
        randomSuggestions += 1
        var config = space.sample(using: &generator)
        for _ in 0..<100 where data.pendingConfigs.contains(config) { config = space.sample(using: &generator) }
        data.pendingConfigs.insert(config)
        let sizes = initialSizes
        return Suggestion(config: config, budget: scale.budget(sizes[generator.nextInt(below: sizes.count)]), tag: "random")
    }

    /// The incumbent's config when it is due for a full-budget evaluation.
    func incumbentDue(_ data: FABOLASData) -> JSONObject? {
        guard settings.incumbentInterval > 0, sinceIncumbent >= settings.incumbentInterval, let config = incumbent?.config,
            !data.evaluatedAtFull.contains(config), !data.pendingConfigs.contains(config)
        else { return nil }
        return config
    }
}
