import AutoMLTrainer

/// How a trial's `budget` (a multi-fidelity strategy's number) becomes a `TrainingBudget`.
public enum TrialBudget {
    /// The most epochs a budget may ask for.
    public static let maxEpochs = 100_000

    /// No budget: the config's epochs on every row. With `epochs`: that many epochs in total,
    /// rounded to the nearest integer and at least 1 (a promotion resumes its checkpoint up to
    /// them). With `fraction`: the first `budget` of the training rows, for the config's epochs.
    /// - Throws: `InvalidBudget` for a budget the unit cannot take (a fraction above 1).
    public static func training(_ budget: Double?, unit: TrainerEvaluatorSpec.BudgetUnit) throws(InvalidBudget) -> TrainingBudget {
        guard let budget else { return .full }
        guard budget.isFinite, budget > 0 else { throw InvalidBudget(budget: budget, reason: "a budget is a positive number") }
        switch unit {
        case .epochs:
            guard budget <= Double(maxEpochs) else {
                throw InvalidBudget(budget: budget, reason: "more than \(maxEpochs) epochs")
            }
            return .epochs(max(1, Int(budget.rounded())))
        case .fraction:
            guard budget <= 1 else {
                throw InvalidBudget(budget: budget, reason: "with budgetUnit \"fraction\" a budget is a share of the training rows in (0, 1]: set the strategy's maxBudget to 1")
            }
            return .dataFraction(budget)
        }
    }

    /// A budget the evaluator cannot honour: the trial fails with this reason.
    public struct InvalidBudget: Error, Sendable, CustomStringConvertible {
        public let budget: Double
        public let reason: String
        public var description: String { "budget \(budget): \(reason)" }
    }
}
