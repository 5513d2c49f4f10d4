#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLJSON
import AutoMLSpace

/// What the GP learns from a session's history, rebuilt from the trials at every ask.
///
/// - **Complete** trials with a finite value are the training set; the value becomes a loss
///   (`Objective.loss`, so maximized objectives work) and is standardized to mean 0 and
///   standard deviation 1, then (by default) warped by a Yeo-Johnson power transform fitted to
///   it and standardized again (see `YeoJohnson`). An infinite loss is clipped to the worst (or
///   best) finite one, as Optuna does; a NaN is ignored.
/// - **Failed** and **pruned** trials are ignored by the model (a failure says nothing about the
///   value nearby; imputing the worst value would bend the surface around an unrelated crash), but
///   their configs are not suggested again.
/// - **Pending** (and queued) trials become kriging believers (see `GaussianProcess`).
/// - **Costs** (`TrialRecord.cost`, positive and finite) of complete trials feed the cost model
///   as standardized log costs.
struct GPTrainingSet {
    /// `n × d` GP points of the complete trials.
    var points: [Double] = []
    /// Their losses, standardized (and warped when asked).
    var standardized: [Double] = []
    /// Losses as observed (after clipping).
    var losses: [Double] = []
    /// GP points of pending trials.
    var pending: [[Double]] = []
    /// The trials the set was built from.
    private let trials: [TrialRecord]
    /// GP points with a known cost, and their standardized log costs.
    var costPoints: [Double] = []
    var standardizedLogCosts: [Double] = []
    /// Standard deviation of the log costs.
    var logCostSpread = 1.0
    /// The GP point of the best complete trial.
    var bestPoint: [Double]?

    var count: Int { losses.count }
    var costCount: Int { standardizedLogCosts.count }

    /// Configs of every trial that was not abandoned: never suggested again.
    var taken: Set<JSONObject> {
        Set(trials.lazy.filter { $0.state != .abandoned }.map(\.config))
    }

    /// Whether a trial that was not abandoned has `config` (a scan: cheaper than building
    /// `taken` for a look-up or two).
    func isTaken(_ config: JSONObject) -> Bool {
        trials.contains { $0.state != .abandoned && $0.config == config }
    }

    /// - Parameter warp: Pass the standardized losses through a fitted Yeo-Johnson power
    ///   transform (then standardize again) before the GP sees them.
    init(trials: [TrialRecord], objective: Objective, encoding: GPSpaceEncoding, warp: Bool) {
        self.init(trials: trials, objective: objective, encoding: encoding, warp: warp) { encoding.point(for: $0.config) }
    }

    /// - Parameter point: The GP point of a trial's config (a strategy may answer from a cache
    ///   keyed by trial id, since a trial's config never changes).
    init(trials: [TrialRecord], objective: Objective, encoding: GPSpaceEncoding, warp: Bool, point: (TrialRecord) -> [Double]) {
        self.trials = trials
        var rawLosses: [Double] = []
        var rawCosts: [Double] = []
        for trial in trials {
            switch trial.state {
            case .complete:
                guard let value = trial.value, !value.isNaN else { continue }
                let point = point(trial)
                points.append(contentsOf: point)
                rawLosses.append(objective.loss(value))
                if let cost = trial.cost, cost > 0, cost.isFinite {
                    costPoints.append(contentsOf: point)
                    rawCosts.append(log(cost))
                }
            case .pending, .queued:
                pending.append(point(trial))
            case .failed, .pruned, .abandoned:
                continue
            }
        }
        let finite = rawLosses.filter(\.isFinite)
        let low = finite.min() ?? 0, high = finite.max() ?? 0
        losses = rawLosses.map { $0.isFinite ? $0 : ($0 > 0 ? high : low) }
        if warp {
            let z = Self.standardize(losses).values
            let lambda = YeoJohnson.fit(z)
            standardized = Self.standardize(z.map { YeoJohnson.transform($0, lambda: lambda) }).values
        } else {
            standardized = Self.standardize(losses).values
        }
        if let bestIndex = losses.indices.min(by: { losses[$0] < losses[$1] }) {
            let d = encoding.dimension
            bestPoint = Array(points[(bestIndex * d)..<((bestIndex + 1) * d)])
        }
        let costs = Self.standardize(rawCosts)
        standardizedLogCosts = costs.values
        logCostSpread = costs.spread
    }

    /// `(v - mean) / sd`, with `sd` floored so that constant values stay finite.
    static func standardize(_ values: [Double]) -> (values: [Double], spread: Double) {
        guard !values.isEmpty else { return ([], 1) }
        let mean = values.reduce(0, +) / Double(values.count)
        var variance = 0.0
        for v in values { variance += (v - mean) * (v - mean) }
        variance /= Double(values.count)
        let spread = variance > 1e-20 ? variance.squareRoot() : 1
        return (values.map { ($0 - mean) / spread }, spread)
    }
}
