import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace

/// Surrogate search with a cubic radial basis function: Regis & Shoemaker's stochastic RBF
/// method with DYCORS's dynamic coordinate perturbations and restarts.
///
/// A run starts with `startupTrials` points of a Latin hypercube (default `2(d + 1)`; fewer
/// when results told before, such as warm starts, already fill the run). Then each suggestion
/// fits a cubic RBF with a linear tail to the run's results (`CubicRBFModel`; values above the
/// median are replaced by the median, as the papers do, so that a few bad trials do not make
/// the interpolant oscillate; past 500 results, only the 500 nearest the best point are used),
/// draws `candidates` perturbations of the best point (`DYCORSCandidates`: each coordinate
/// perturbed with a probability that falls over the run), and picks the candidate with the
/// best weighted score of surrogate value and distance from every evaluated or pending point.
/// The perturbation radius adapts to successes and failures (`DYCORSStep`); when it collapses,
/// the run ends and a new one starts from a fresh design, its model fitted on its own results.
///
/// Pending trials: `ask(count:)` picks its points one after the other, each far from the
/// pending trials and from the ones picked before it, and steps the score's weight cycle
/// between them, so a batch spreads from exploiting to exploring. The method never waits:
/// before any result of a run is known it hands out the design, then uniform random points.
/// Failed and pruned trials add nothing to the model; an abandoned design point is handed out
/// again. Enqueued and warm-start results join the current run's model.
///
/// Coordinates are the space's unit cube: discrete parameters (categoricals as their cells in
/// declaration order) are snapped to their cells' centres, the points `encode` gives them;
/// conditional spaces are modelled on every coordinate, inactive parameters sitting at the
/// encoding's filler 0.5, and `decode` drops the inactive ones.
///
/// References: Regis & Shoemaker, "A stochastic radial basis function method for the global
/// optimization of expensive functions", INFORMS J. Comput. 2007; Regis & Shoemaker,
/// "Combining radial basis function surrogates and dynamic coordinate search in
/// high-dimensional expensive black-box optimization", Eng. Optim. 2013 (DYCORS); Gutmann,
/// "A radial basis function method for global optimization", J. Glob. Optim. 2001.
public struct RBFSearch: Strategy {
    public struct Options: Decodable, Sendable {
        /// Latin-hypercube points that start each run (default `2(d + 1)`).
        public var startupTrials: Int?
        /// Candidate points scored per suggestion (default `min(100 d, 5000)`).
        public var candidates: Int?
    }

    public static let name = "rbf"
    public static let family = "hpo"
    public static let summary = "Cubic RBF surrogate with DYCORS candidate search (Regis & Shoemaker), restarting when its step collapses."
    public static let optionsSchema: JSON = [
        "type": "object",
        "properties": [
            "startupTrials": ["type": "integer", "minimum": 1, "maximum": 10_000, "description": "Latin-hypercube points that start each run (default 2(d + 1))."],
            "candidates": ["type": "integer", "minimum": 1, "maximum": 100_000, "description": "Candidates scored per suggestion (default min(100 d, 5000))."],
        ],
        "additionalProperties": false,
    ]
    public static let capabilities = StrategyCapabilities(multiObjective: false)
    /// The most results one surrogate is fitted to (an `O(n³)` solve per suggestion).
    static let maxModelPoints = 500

    let space: SearchSpace
    let objective: Objective
    let startupTrials: Int
    let candidateCount: Int
    /// Per coordinate, the cells of a discrete one.
    let cells: [UnitCells?]
    /// Candidates closer than this to a known point are not picked.
    let tolerance: Double
    /// Adaptive points over which the perturbation probability decays.
    let horizon: Int

    var run = 0
    /// The current run's design and the indices still to hand out; nil until its first ask.
    var design: [[Double]]?
    var designQueue: [Int] = []
    /// The current run's results: distinct points and their losses.
    var points: [[Double]] = []
    var losses: [Double] = []
    var bestIndex: Int?
    var step: DYCORSStep
    /// Adaptive points handed out in this run.
    var adaptiveCount = 0

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        let path = "params.strategy.options"
        let d = space.dimension
        let startup = options.startupTrials ?? 2 * (d + 1)
        guard (1...10_000).contains(startup) else {
            throw JSONFieldError(path: JSONPath.member(path, "startupTrials"), reason: "expected an integer from 1 to 10000")
        }
        let candidates = options.candidates ?? min(100 * d, 5000)
        guard (1...100_000).contains(candidates) else {
            throw JSONFieldError(path: JSONPath.member(path, "candidates"), reason: "expected an integer from 1 to 100000")
        }
        self.space = space
        self.objective = objectives.first ?? Objective.defaultList[0]
        self.startupTrials = startup
        self.candidateCount = candidates
        self.cells = space.parameters.map { UnitCells($0) }
        self.tolerance = 1e-5 * Double(d).squareRoot()
        self.horizon = max(200, 50 * d)
        self.step = DYCORSStep(dimension: d)
    }

    var restarts: Int { run }

    // MARK: - Ask and tell

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        if design == nil {
            design = LatinHypercube.sample(count: startupTrials, dimension: space.dimension, using: &context.rng).map(snapped)
            designQueue = Array(0..<startupTrials)
        }
        var known = points + context.pending.map { space.encode($0.config) }
        var model: CubicRBFModel?
        var fitted = false
        var suggestions: [Suggestion] = []
        for _ in 0..<max(count, 0) {
            let point: [Double]
            var tag: JSONObject = ["run": .int(Int64(run))]
            // The design only fills the run up to `startupTrials` results (warm starts count).
            if points.count >= startupTrials { designQueue.removeAll() }
            if let index = designQueue.first, let design {
                designQueue.removeFirst()
                point = design[index]
                tag["design"] = .int(Int64(index))
            } else if let bestIndex {
                if !fitted {
                    model = fitModel()
                    fitted = true
                }
                point = adaptivePoint(around: points[bestIndex], model: model, known: known, using: &context.rng)
                tag["adaptive"] = .int(Int64(adaptiveCount))
                adaptiveCount += 1
            } else {
                point = snapped((0..<space.dimension).map { _ in context.rng.nextUnit() })
            }
            known.append(point)
            suggestions.append(Suggestion(config: space.decode(point), tag: .object(tag)))
        }
        return AskOutcome(suggestions)
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        let tagRun = trial.tag?["run"]?.intValue
        guard tagRun == nil || tagRun == Int64(run), trial.state == .complete, let value = trial.value else { return }
        let loss = objective.loss(value)
        guard loss.isFinite else { return }
        let previousBest = bestIndex.map { losses[$0] }
        record(space.encode(trial.config), loss: loss)
        guard trial.tag?["adaptive"] != nil, let previousBest else { return }
        if step.record(improved: DYCORSStep.improves(loss, on: previousBest)) { restart() }
    }

    public mutating func abandon(_ trial: TrialRecord, context: inout StrategyContext) {
        guard trial.tag?["run"]?.intValue == Int64(run), let number = trial.tag?["design"]?.intValue,
            let index = Int(exactly: number), (0..<startupTrials).contains(index)
        else { return }
        designQueue.insert(index, at: 0)
    }

    public func status(context: StrategyContext) -> JSON {
        var object: JSONObject = [
            "restarts": .int(Int64(run)),
            "points": .int(Int64(points.count)),
            "sigma": .double(step.sigma),
            "designLeft": .int(Int64(designQueue.count)),
        ]
        if let bestIndex { object["bestLoss"] = .double(losses[bestIndex]) }
        return .object(object)
    }

    // MARK: - Model and candidates

    /// Adds a result to the run, keeping the lower loss when the point is already known.
    mutating func record(_ point: [Double], loss: Double) {
        let index: Int
        if let same = points.firstIndex(where: { CubicRBFModel.distance($0, point) <= 1e-12 }) {
            losses[same] = min(losses[same], loss)
            index = same
        } else {
            points.append(point)
            losses.append(loss)
            index = points.count - 1
        }
        if losses[index] < (bestIndex.map { losses[$0] } ?? .infinity) { bestIndex = index }
    }

    /// The interpolant of the run's results with values capped at their median; beyond
    /// `maxModelPoints` results, of the ones nearest the best point (candidates are drawn
    /// around it), so that a suggestion's cost stops growing with the history.
    func fitModel() -> CubicRBFModel? {
        var chosen = Array(points.indices)
        if chosen.count > Self.maxModelPoints, let bestIndex {
            let best = points[bestIndex]
            let distances = points.map { CubicRBFModel.distance($0, best) }
            chosen.sort { (distances[$0], $0) < (distances[$1], $1) }
            chosen = Array(chosen.prefix(Self.maxModelPoints))
        }
        let values = chosen.map { losses[$0] }
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle])
        return CubicRBFModel.fit(points: chosen.map { points[$0] }, values: values.map { min($0, median) })
    }

    /// The best-scoring perturbation of `best`; far from every known point when possible.
    mutating func adaptivePoint(around best: [Double], model: CubicRBFModel?, known: [[Double]], using rng: inout SeededGenerator) -> [Double] {
        let probability = DYCORSCandidates.probability(step: adaptiveCount, dimension: space.dimension, horizon: horizon)
        let candidates = DYCORSCandidates.generate(
            around: best, count: candidateCount, sigma: step.sigma, probability: probability, cells: cells, using: &rng)
        // A candidate's nearest known point is no farther than the best point, so by the triangle
        // inequality only known points within twice the farthest candidate's reach can matter.
        let reach = candidates.reduce(0) { max($0, CubicRBFModel.distance($1, best)) }
        let nearby = known.filter { CubicRBFModel.distance($0, best) <= 2 * reach * (1 + 1e-9) + 1e-12 }
        let distances = DYCORSCandidates.nearestDistances(candidates, to: nearby)
        let values = model.map { model in candidates.map { model.value(at: $0) } }
        let weight = DYCORSCandidates.weightCycle[adaptiveCount % DYCORSCandidates.weightCycle.count]
        if let chosen = DYCORSCandidates.select(values: values, distances: distances, weight: weight, tolerance: tolerance) {
            return candidates[chosen]
        }
        // Every candidate sits on a known point: explore uniformly instead.
        return snapped((0..<space.dimension).map { _ in rng.nextUnit() })
    }

    /// `x` with its discrete coordinates at their cells' centres.
    func snapped(_ x: [Double]) -> [Double] {
        var out = x
        for j in out.indices { if let cell = cells[j] { out[j] = cell.snap(out[j]) } }
        return out
    }

    /// Ends the run: the next ask starts a new design.
    mutating func restart() {
        run += 1
        design = nil
        designQueue = []
        points = []
        losses = []
        bestIndex = nil
        step = DYCORSStep(dimension: space.dimension)
        adaptiveCount = 0
    }
}
