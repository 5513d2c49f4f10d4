import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace

/// The Tree-structured Parzen Estimator (TPE): after `startupTrials` random trials, split the
/// finished trials into good and bad, model each set with a Parzen estimator (`l(x)` and
/// `g(x)`), draw `eiCandidates` points from `l(x)` and suggest the one maximizing
/// `l(x) / g(x)`, which maximizes expected improvement under TPE's model.
///
/// As in Optuna 5's `TPESampler`: multivariate kernels by default, with the conditional space
/// decomposed into groups of parameters always active together (`group`); Optuna's bandwidth
/// rule with the magic clip (`ParzenBandwidth`), prior kernel and weight, truncated normals on
/// the bounds and cell masses for discrete values (`TPEDimension`), smoothed categorical kernels;
/// `γ = min(ceil(0.1 n), 25)` good trials and linearly ramped weights for old ones
/// (`TPEWeights`); pending trials counted among the bad ones (constant liar, on by default;
/// beyond Optuna, it also never repeats a pending trial's config while another candidate avoids
/// it, which matters in discrete spaces);
/// several objectives split by non-domination rank and hypervolume (MOTPE, `TPESplit`).
/// Everything happens in the unit cube, where log parameters are in log space. A parameter no
/// finished trial has set yet is drawn uniformly.
///
/// Cost per ask: the good/bad split is read from rankings kept sorted as trials are told, the
/// bad set's per-dimension orders are merged rather than sorted, and the candidates' log
/// densities are tight loops over contiguous kernel arrays: `O(n · D · eiCandidates)` with small
/// constants, `n` finished trials.
///
/// References: Bergstra, Bardenet, Bengio & Kégl, "Algorithms for Hyper-Parameter
/// Optimization", NIPS 2011; Bergstra, Yamins & Cox, "Making a Science of Model Search", ICML
/// 2013; Falkner, Klein & Hutter, "BOHB", ICML 2018; Ozaki et al., "Multiobjective
/// Tree-Structured Parzen Estimator for Computationally Expensive Optimization Problems", GECCO
/// 2020; Watanabe, "Tree-Structured Parzen Estimator: Understanding Its Algorithm Components and
/// Their Roles for Better Empirical Performance", arXiv:2304.11127 (2023); Optuna's
/// `TPESampler` (Akiba et al., KDD 2019).
public struct TPE: Strategy {
    public static let name = "tpe"
    public static let family = "hpo"
    public static let summary = "Tree-structured Parzen Estimator (multivariate, group-decomposed, constant liar, multi-objective), as in Optuna."
    public static let capabilities = StrategyCapabilities(multiObjective: true, conditional: true)

    let space: SearchSpace
    let objectives: [Objective]
    let settings: Settings
    /// Each parameter's dimension; nil for one with a single value.
    let dimensions: [TPEDimension?]
    var observations: TPEObservations
    /// Every trial with a smaller id is finished (a cache for finding pending trials quickly).
    var finishedBelow = 0

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        self.space = space
        self.objectives = objectives
        self.settings = try Settings(options)
        self.dimensions = space.parameters.map { TPEDimension($0) }
        self.observations = TPEObservations(dimensionCount: space.dimension, objectiveCount: max(objectives.count, 1))
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        observations.add(trial, space: space, objectives: objectives)
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        guard count > 0 else { return AskOutcome([]) }
        guard observations.count >= settings.startupTrials else {
            return AskOutcome((0..<count).map { _ in Suggestion(config: space.sample(using: &context.rng)) })
        }
        let goodCount = TPEWeights.goodCount(finished: observations.count, fraction: settings.gamma, multiObjective: objectives.count > 1)
        let good = TPESplit.goodFlags(observations, goodCount: goodCount)
        let blocks = modelledBlocks()
        var pending = settings.constantLiar ? pendingPoints(context.trials) : []
        var pendingConfigs = Set(pending.map(\.config))
        var goodModels: [ParzenEstimator] = []
        var restModels: [ParzenEstimator] = []
        var suggestions: [Suggestion] = []
        for k in 0..<count {
            var ranked: [RankedCandidates] = []
            for (b, block) in blocks.enumerated() {
                let blockDimensions = block.compactMap { dimensions[$0] }
                if goodModels.count == b {
                    let set = TPEKernelSets.good(observations, good: good, block: block, uniformWeights: objectives.count > 1)
                    goodModels.append(makeEstimator(blockDimensions, set))
                }
                if restModels.count == b || (settings.constantLiar && k > 0) {
                    let set = TPEKernelSets.rest(
                        observations, good: good, block: block, categorical: blockDimensions.map(\.isCategorical), pending: pending)
                    let model = makeEstimator(blockDimensions, set)
                    if restModels.count == b { restModels.append(model) } else { restModels[b] = model }
                }
                ranked.append(Self.rankCandidates(good: goodModels[b], rest: restModels[b], candidates: settings.eiCandidates, using: &context.rng))
            }
            var unit = [Double](repeating: SearchSpace.inactiveFiller, count: space.dimension)
            for d in 0..<space.dimension where dimensions[d] != nil && !observations.everActive[d] {
                unit[d] = context.rng.nextUnit()
            }
            let config = settings.constantLiar
                ? distinctConfig(unit: unit, blocks: blocks, ranked: ranked, avoiding: pendingConfigs)
                : assemble(unit: unit, blocks: blocks, ranked: ranked, choice: Array(repeating: 0, count: blocks.count))
            suggestions.append(Suggestion(config: config))
            if settings.constantLiar {
                let (units, active) = TPEObservations.encode(config, space: space)
                pending.append(TPEPendingPoint(order: context.trials.count + k, config: config, units: units, active: active))
                pendingConfigs.insert(config)
            }
        }
        return AskOutcome(suggestions)
    }

    public func status(context: StrategyContext) -> JSON {
        .object([
            "phase": .string(observations.count >= settings.startupTrials ? "model" : "startup"),
            "observations": .int(Int64(observations.count)),
            "blocks": .int(Int64(modelledBlocks().count)),
        ])
    }

    // MARK: - Steps

    func makeEstimator(_ blockDimensions: [TPEDimension], _ set: ParzenObservations) -> ParzenEstimator {
        ParzenEstimator(
            dimensions: blockDimensions, observations: set, priorWeight: settings.priorWeight,
            considerEndpoints: settings.considerEndpoints)
    }

    /// The blocks of parameters modelled jointly, each ascending indices of parameters with
    /// more than one value that some finished trial has set: the group decomposition; or, without
    /// `group`, the parameters every finished trial has set as one block and the others alone;
    /// or, without `multivariate`, every parameter alone.
    func modelledBlocks() -> [[Int]] {
        let modelled = { (d: Int) in self.dimensions[d] != nil && self.observations.everActive[d] }
        if settings.multivariate && settings.group {
            return observations.groups.groups.map { $0.filter(modelled) }.filter { !$0.isEmpty }
        }
        let all = (0..<space.dimension).filter(modelled)
        guard settings.multivariate else { return all.map { [$0] } }
        let joint = all.filter { observations.alwaysActive[$0] }
        let alone = all.filter { !observations.alwaysActive[$0] }.map { [$0] }
        return (joint.isEmpty ? [] : [joint]) + alone
    }

    /// The pending trials, encoded; advances `finishedBelow` past finished trials.
    mutating func pendingPoints(_ trials: [TrialRecord]) -> [TPEPendingPoint] {
        while finishedBelow < trials.count && trials[finishedBelow].state.isFinished { finishedBelow += 1 }
        var points: [TPEPendingPoint] = []
        for index in finishedBelow..<trials.count where trials[index].state == .pending {
            let (units, active) = TPEObservations.encode(trials[index].config, space: space)
            points.append(TPEPendingPoint(order: trials[index].id, config: trials[index].config, units: units, active: active))
        }
        return points
    }

    /// Candidates drawn from `good`, and their indices from the largest `log l(x) - log g(x)`
    /// down (ties to the earlier draw; NaN scores last).
    struct RankedCandidates {
        var points: [Double]
        var dimension: Int
        var order: [Int]

        func point(_ rank: Int) -> ArraySlice<Double> {
            let i = order[rank]
            return points[(i * dimension)..<(i * dimension + dimension)]
        }
    }

    static func rankCandidates(
        good: ParzenEstimator, rest: ParzenEstimator, candidates: Int, using rng: inout SeededGenerator
    ) -> RankedCandidates {
        let points = good.sample(count: candidates, using: &rng)
        let logGood = good.logDensity(of: points, count: candidates)
        let logRest = rest.logDensity(of: points, count: candidates)
        let scores = (0..<candidates).map { i -> Double in
            let score = logGood[i] - logRest[i]
            return score.isNaN ? -.infinity : score
        }
        let order = (0..<candidates).sorted { (scores[$0], -$0) > (scores[$1], -$1) }
        return RankedCandidates(points: points, dimension: good.dimensions.count, order: order)
    }

    /// The config with block `b`'s candidate of rank `choice[b]` written over `unit`.
    func assemble(unit: [Double], blocks: [[Int]], ranked: [RankedCandidates], choice: [Int]) -> JSONObject {
        var unit = unit
        for (b, block) in blocks.enumerated() {
            let point = ranked[b].point(choice[b])
            for (t, d) in block.enumerated() { unit[d] = point[point.startIndex + t] }
        }
        return space.decode(unit)
    }

    /// The best config that no pending trial already holds: when the best candidates decode to a
    /// pending config (discrete spaces), the next candidates of the last block are tried, then of
    /// the block before, and so on; when every one collides, the best config after all.
    func distinctConfig(unit: [Double], blocks: [[Int]], ranked: [RankedCandidates], avoiding pending: Set<JSONObject>) -> JSONObject {
        var choice = Array(repeating: 0, count: blocks.count)
        let best = assemble(unit: unit, blocks: blocks, ranked: ranked, choice: choice)
        guard pending.contains(best) else { return best }
        for b in blocks.indices.reversed() {
            for rank in 1..<ranked[b].order.count {
                choice[b] = rank
                let config = assemble(unit: unit, blocks: blocks, ranked: ranked, choice: choice)
                if !pending.contains(config) { return config }
            }
            choice[b] = 0
        }
        return best
    }
}
