#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLJSON

/// Budgets on FABOLAS's model scale: `t = log(b / minBudget) / log(maxBudget / minBudget)` in
/// `[0, 1]` (`t = 1` is the full budget, `s = b / maxBudget` the data fraction), and the log grid
/// of subset sizes the acquisition is maximized over.
struct FidelityScale: Sendable, Hashable {
    let minBudget: Double
    let maxBudget: Double
    /// Grid values of `t`, increasing, the last one 1.
    let grid: [Double]

    init(minBudget: Double, maxBudget: Double, gridSize: Int) {
        self.minBudget = minBudget
        self.maxBudget = maxBudget
        grid = gridSize <= 1 ? [1] : (0..<gridSize).map { Double($0) / Double(gridSize - 1) }
    }

    /// `t` of a budget (clamped to `[0, 1]`); a trial without a budget ran at the full budget.
    func t(_ budget: Double?) -> Double {
        guard let budget, budget.isFinite, budget > 0, maxBudget > minBudget else { return 1 }
        return min(max(log(budget / minBudget) / log(maxBudget / minBudget), 0), 1)
    }

    /// The budget at `t`; exactly `maxBudget` at `t = 1` and `minBudget` at `t = 0`.
    func budget(_ t: Double) -> Double {
        if t >= 1 { return maxBudget }
        if t <= 0 { return minBudget }
        return minBudget * pow(maxBudget / minBudget, t)
    }
}

/// What FABOLAS's models learn from a session's history, rebuilt at every ask.
///
/// Complete trials with a finite value (the most recent `maxPoints` of them) are the training
/// set: their configurations as GP points, their budgets as `t`, their losses standardized (an
/// infinite loss is clipped to the worst or best finite one). Failed and pruned trials are
/// ignored. Pending trials become kriging believers. Told costs (positive, finite) of complete
/// trials feed the cost model as standardized log costs.
struct FABOLASData {
    var points: [Double] = []
    var t: [Double] = []
    var configs: [JSONObject] = []
    var standardized: [Double] = []
    /// `loss = center + spread × standardized`.
    var center = 0.0
    var spread = 1.0
    var costPoints: [Double] = []
    var costT: [Double] = []
    var standardizedLogCosts: [Double] = []
    var logCostSpread = 1.0
    var pending: [(point: [Double], t: Double)] = []
    /// Configs of pending trials: not handed out again while they run.
    var pendingConfigs: Set<JSONObject> = []
    /// Configs with a complete or pending trial at the full budget.
    var evaluatedAtFull: Set<JSONObject> = []

    var count: Int { t.count }
    var costCount: Int { costT.count }

    init(trials: [TrialRecord], objective: Objective, encoding: GPSpaceEncoding, scale: FidelityScale, maxPoints: Int) {
        var losses: [Double] = []
        var logCosts: [Double] = []
        let complete = trials.filter { $0.state == .complete && ($0.value.map { !$0.isNaN } ?? false) }
        for trial in complete.suffix(maxPoints) {
            guard let value = trial.value else { continue }
            let point = encoding.point(for: trial.config)
            let u = scale.t(trial.budget)
            points.append(contentsOf: point)
            t.append(u)
            configs.append(trial.config)
            losses.append(objective.loss(value))
            if let cost = trial.cost, cost > 0, cost.isFinite {
                costPoints.append(contentsOf: point)
                costT.append(u)
                logCosts.append(log(cost))
            }
        }
        for trial in trials {
            switch trial.state {
            case .pending, .queued:
                pending.append((encoding.point(for: trial.config), scale.t(trial.budget)))
                pendingConfigs.insert(trial.config)
                if scale.t(trial.budget) >= 1 { evaluatedAtFull.insert(trial.config) }
            case .complete:
                if scale.t(trial.budget) >= 1 { evaluatedAtFull.insert(trial.config) }
            case .failed, .pruned, .abandoned:
                continue
            }
        }
        let finite = losses.filter(\.isFinite)
        let low = finite.min() ?? 0, high = finite.max() ?? 0
        losses = losses.map { $0.isFinite ? $0 : ($0 > 0 ? high : low) }
        let standard = GPTrainingSet.standardize(losses)
        standardized = standard.values
        spread = standard.spread
        center = losses.isEmpty ? 0 : losses.reduce(0, +) / Double(losses.count)
        let costs = GPTrainingSet.standardize(logCosts)
        standardizedLogCosts = costs.values
        logCostSpread = costs.spread
    }

    /// The loss a standardized value stands for.
    func loss(_ standardized: Double) -> Double { center + spread * standardized }
}
