import AutoMLJSON
import AutoMLSpace

#if canImport(Glibc)
import Glibc
#endif

/// Asynchronous successive halving: never waits. Each ask promotes a configuration that is in the
/// top 1/eta of its rung and was not promoted yet (from the highest rung down), or else starts a
/// new random configuration at the smallest budget. Rung k runs at minBudget * eta^k, up to
/// maxBudget; a promotion carries the trial it continues (`resumeOf`).
///
/// References: Li, Jamieson, Rostamizadeh, Gonina, Ben-tzur, Hardt, Recht & Talwalkar, "A System
/// for Massively Parallel Hyperparameter Tuning", MLSys 2020 (Algorithm 2).
public struct ASHA: Strategy {
    public struct Options: Decodable, Sendable {
        public var minBudget: Double?
        public var maxBudget: Double?
        public var eta: Double?
    }

    public static let name = "asha"
    public static let family = "multi-fidelity"
    public static let summary = "Asynchronous successive halving: promote the top 1/eta of a rung as soon as they exist; never wait."
    public static let optionsSchema: JSON = .object([
        "type": "object", "properties": .object(BudgetSchedule.schemaProperties), "additionalProperties": false,
    ])
    public static let capabilities = StrategyCapabilities(multiObjective: false, multiFidelity: true)

    /// A complete trial at a rung.
    struct Result: Sendable, Hashable {
        var trialId: Int
        var loss: Double
        var config: JSONObject
    }

    let space: SearchSpace
    let objective: Objective
    let eta: Double
    let budgets: [Double]
    /// Complete trials per rung, kept sorted by (loss, trial id).
    var rungs: [[Result]]
    /// Trials promoted out of each rung (handed out at the next one).
    var promoted: [Set<Int>]

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        let schedule = try BudgetSchedule(minBudget: options.minBudget ?? 1, maxBudget: options.maxBudget ?? 81, eta: options.eta ?? 3)
        self.space = space
        objective = objectives[0]
        eta = schedule.eta
        budgets = (0...schedule.sMax).map { min(schedule.maxBudget, schedule.minBudget * pow(schedule.eta, Double($0))) }
        rungs = Array(repeating: [], count: budgets.count)
        promoted = Array(repeating: [], count: budgets.count)
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        AskOutcome((0..<count).map { _ in nextJob(context: &context) })
    }

    mutating func nextJob(context: inout StrategyContext) -> Suggestion {
        for rung in stride(from: budgets.count - 2, through: 0, by: -1) {
            let top = Int((Double(rungs[rung].count) / eta + 1e-9).rounded(.down))
            if let candidate = rungs[rung].prefix(top).first(where: { !promoted[rung].contains($0.trialId) }) {
                promoted[rung].insert(candidate.trialId)
                return Suggestion(
                    config: candidate.config, budget: budgets[rung + 1], resumeOf: candidate.trialId,
                    tag: ["rung": .int(Int64(rung + 1))])
            }
        }
        return Suggestion(config: space.sample(using: &context.rng), budget: budgets[0], tag: ["rung": 0])
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        guard trial.state == .complete, let value = trial.values?.first else { return }
        let rung = trial.tag?["rung"]?.intValue.map(Int.init) ?? rungIndex(ofBudget: trial.budget)
        guard let rung, rungs.indices.contains(rung) else { return }
        let result = Result(trialId: trial.id, loss: objective.loss(value), config: trial.config)
        let position = rungs[rung].firstIndex { ($0.loss, $0.trialId) > (result.loss, result.trialId) } ?? rungs[rung].count
        rungs[rung].insert(result, at: position)
    }

    /// An abandoned promotion may be promoted again.
    public mutating func abandon(_ trial: TrialRecord, context: inout StrategyContext) {
        guard let rung = trial.tag?["rung"]?.intValue.map(Int.init), rung > 0, let source = trial.resumeOf else { return }
        promoted[rung - 1].remove(source)
    }

    /// The rung of a budget told by a trial the strategy did not suggest (warm start).
    func rungIndex(ofBudget budget: Double?) -> Int? {
        guard let budget else { return nil }
        return budgets.firstIndex { abs($0 - budget) <= 1e-9 * max(1, budget) }
    }

    public func status(context: StrategyContext) -> JSON {
        .object([
            "budgets": .array(budgets.map { .double($0) }),
            "completePerRung": .array(rungs.map { .int(Int64($0.count)) }),
            "promotedPerRung": .array(promoted.map { .int(Int64($0.count)) }),
        ])
    }
}
