import AutoMLEngine
import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import AutoMLStrategies

/// `automl bench multifidelity`: regret on counting ones against the cumulative budget spent.
///
/// A sequential worker asks, evaluates at the trial's budget (the full budget for strategies
/// that hand out none) and tells, with the budget as the trial's cost. The incumbent is the best
/// observed result at the highest budget evaluated so far; regret is its noise-free value minus
/// the optimum, read when the budget spent first reaches k times the maximum budget. A promotion
/// (`resumeOf`) is charged its full budget by default, as the Python baselines restart;
/// `chargeIncrements` charges only the budget beyond the trial it continues.
///
/// FABOLAS hands out data fractions of `maxBudget` (its budget is `s × maxBudget`, so counting
/// ones runs it at `s × 729` draws) and rarely evaluates anything at the full budget; for it (and
/// any strategy whose `session/status` names an `incumbent`) a second row reads the regret of
/// the strategy's own incumbent, as the FABOLAS paper evaluates it offline (uncharged).
///
/// Each row also gives the share of the budget spent below a tenth of the maximum budget
/// during the first `smallBudgetWindow` × maxBudget.
public struct MultiFidelityBenchmark: Sendable {
    public var minBudget: Double = 9
    public var maxBudget: Double = 729
    public var eta: Double = 3
    public var multiples: [Double] = [5, 10, 20, 50]
    public var chargeIncrements = false
    public var smallBudgetWindow: Double = 10

    public init() {}

    public struct Row: Sendable {
        public var strategy: String
        public var regret: [Double: Quartiles]
        /// Median share of the budget spent below maxBudget / 10 in the first window.
        public var smallBudgetShare: Double?

        public var json: JSON {
            var object: JSONObject = ["kind": "multifidelity", "strategy": .string(strategy), "problem": "counting-ones"]
            for (multiple, q) in regret.sorted(by: { $0.key < $1.key }) {
                object["at\(Int(multiple))x"] = ["median": .double(q.median), "q25": .double(q.q25), "q75": .double(q.q75)]
            }
            if let smallBudgetShare { object["smallBudgetShare"] = .double(smallBudgetShare) }
            return .object(object)
        }
    }

    /// Strategies that take minBudget/maxBudget/eta options; others run at the full budget.
    static let budgeted: Set<String> = ["successive-halving", "hyperband", "asha", "bohb", "hyperband-bo"]
    /// Strategies that take minBudget/maxBudget only.
    static let fractional: Set<String> = ["fabolas"]

    /// One row, and a second one for the strategy's own incumbent when it reports one.
    public func run(strategy: String, seeds: [UInt64]) async throws -> [Row] {
        var readings: [Double: [Double]] = [:]
        var modelReadings: [Double: [Double]] = [:]
        var shares: [Double] = []
        for seed in seeds {
            let trace = try await regretTrace(strategy: strategy, seed: seed)
            for (multiple, regret) in trace.observed { readings[multiple, default: []].append(regret) }
            for (multiple, regret) in trace.model { modelReadings[multiple, default: []].append(regret) }
            shares.append(trace.smallBudgetShare)
        }
        let share = Quartiles(shares).median
        var rows = [Row(strategy: strategy, regret: readings.mapValues(Quartiles.init), smallBudgetShare: share)]
        if !modelReadings.isEmpty {
            rows.append(Row(strategy: "\(strategy) (model incumbent)", regret: modelReadings.mapValues(Quartiles.init), smallBudgetShare: share))
        }
        return rows
    }

    func options(_ strategy: String) -> JSON? {
        if Self.budgeted.contains(strategy) {
            return ["minBudget": .double(minBudget), "maxBudget": .double(maxBudget), "eta": .double(eta)]
        }
        if Self.fractional.contains(strategy) {
            return ["minBudget": .double(minBudget), "maxBudget": .double(maxBudget)]
        }
        return nil
    }

    /// Regret at each multiple of the maximum budget for one seed: by the observed rule, by the
    /// strategy's reported incumbent (when it has one), and the small-budget share.
    func regretTrace(strategy: String, seed: UInt64) async throws -> (observed: [Double: Double], model: [Double: Double], smallBudgetShare: Double) {
        let space = try SearchSpace(json: CountingOnes.spaceJSON, path: "space")
        let session = try await Engine(dataDir: nil).create(CreateRequest(strategy: strategy, options: options(strategy), space: space, seed: seed))
        var noise = SeededGenerator(seed: seed &+ 0x5EED)
        var spent = 0.0
        var smallSpent = 0.0, windowSpent = 0.0
        var incumbentBudget = -Double.infinity
        var incumbent: (observed: Double, expected: Double)?
        var result: [Double: Double] = [:]
        var modelResult: [Double: Double] = [:]
        let limit = (multiples.max() ?? 50) * maxBudget
        var budgets: [Int: Double] = [:]
        while spent < limit {
            let reply = try await session.ask(count: 1, clientId: nil)
            guard let trial = reply.trials.first else { break }
            let budget = trial.budget ?? maxBudget
            budgets[trial.id] = budget
            let charged = chargeIncrements ? budget - (trial.resumeOf.flatMap { budgets[$0] } ?? 0) : budget
            let observed = CountingOnes.evaluate(trial.config, budget: budget, rng: &noise)
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [observed], budget: nil, cost: charged)
            if budget > incumbentBudget {
                incumbentBudget = budget
                incumbent = nil
            }
            if budget == incumbentBudget, observed < (incumbent?.observed ?? .infinity) {
                incumbent = (observed, CountingOnes.expected(trial.config))
            }
            if spent < smallBudgetWindow * maxBudget {
                let counted = min(charged, smallBudgetWindow * maxBudget - spent)
                windowSpent += counted
                if budget < maxBudget / 10 { smallSpent += counted }
            }
            let before = spent
            spent += charged
            let crossed = multiples.filter { before < $0 * maxBudget && spent >= $0 * maxBudget }
            guard !crossed.isEmpty else { continue }
            let own = await session.status()["strategy"]?["state"]?["incumbent"]
            for multiple in crossed {
                result[multiple] = (incumbent?.expected ?? 0) - CountingOnes.optimum
                if case .object(let config)? = own { modelResult[multiple] = CountingOnes.expected(config) - CountingOnes.optimum }
            }
        }
        return (result, modelResult, windowSpent > 0 ? smallSpent / windowSpent : 0)
    }
}
