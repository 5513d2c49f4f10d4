import AutoMLEngine
import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import AutoMLStrategies

/// `automl bench multifidelity`: regret on counting ones against the cumulative budget spent.
///
/// A sequential worker asks, evaluates at the trial's budget (the full budget for strategies
/// that hand out none) and tells. The incumbent is the best observed result at the highest
/// budget evaluated so far; regret is its noise-free value minus the optimum, read when the
/// budget spent first reaches k times the maximum budget. A promotion (`resumeOf`) is charged
/// its full budget by default, as the Python baselines restart; `chargeIncrements` charges only
/// the budget beyond the trial it continues.
public struct MultiFidelityBenchmark: Sendable {
    public var minBudget: Double = 9
    public var maxBudget: Double = 729
    public var eta: Double = 3
    public var multiples: [Double] = [5, 10, 20, 50]
    public var chargeIncrements = false

    public init() {}

    public struct Row: Sendable {
        public var strategy: String
        public var regret: [Double: Quartiles]

        public var json: JSON {
            var object: JSONObject = ["kind": "multifidelity", "strategy": .string(strategy), "problem": "counting-ones"]
            for (multiple, q) in regret.sorted(by: { $0.key < $1.key }) {
                object["at\(Int(multiple))x"] = ["median": .double(q.median), "q25": .double(q.q25), "q75": .double(q.q75)]
            }
            return .object(object)
        }
    }

    /// Strategies that take minBudget/maxBudget/eta options; others run at the full budget.
    static let budgeted: Set<String> = ["successive-halving", "hyperband", "asha", "bohb"]

    public func run(strategy: String, seeds: [UInt64]) async throws -> Row {
        var readings: [Double: [Double]] = [:]
        for seed in seeds {
            let trace = try await regretTrace(strategy: strategy, seed: seed)
            for (multiple, regret) in trace { readings[multiple, default: []].append(regret) }
        }
        return Row(strategy: strategy, regret: readings.mapValues(Quartiles.init))
    }

    /// Regret at each multiple of the maximum budget for one seed.
    func regretTrace(strategy: String, seed: UInt64) async throws -> [Double: Double] {
        let space = try SearchSpace(json: CountingOnes.spaceJSON, path: "space")
        let options: JSON? = Self.budgeted.contains(strategy)
            ? ["minBudget": .double(minBudget), "maxBudget": .double(maxBudget), "eta": .double(eta)] : nil
        let session = try await Engine(dataDir: nil).create(CreateRequest(strategy: strategy, options: options, space: space, seed: seed))
        var noise = SeededGenerator(seed: seed &+ 0x5EED)
        var spent = 0.0
        var incumbentBudget = -Double.infinity
        var incumbent: (observed: Double, expected: Double)?
        var result: [Double: Double] = [:]
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
            let before = spent
            spent += charged
            for multiple in multiples where before < multiple * maxBudget && spent >= multiple * maxBudget {
                result[multiple] = (incumbent?.expected ?? 0) - CountingOnes.optimum
            }
        }
        return result
    }
}
