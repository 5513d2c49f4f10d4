/// How much training a run gets: the two fidelities multi-fidelity strategies use.
public enum TrainingBudget: Sendable, Equatable {
    /// The config's `epochs` on all training rows.
    case full
    /// Train until this many epochs are done in total (epochs restored from a checkpoint
    /// count), on the schedule of `max(config.epochs, epochs)` epochs, so a promotion that
    /// resumes continues the same learning-rate curve (Hyperband, ASHA).
    case epochs(Int)
    /// The config's `epochs` on the first `fraction` (in (0, 1]) of the shuffled training rows
    /// (FABOLAS's data-subset fidelity; the subsets of growing fractions are nested).
    case dataFraction(Double)

    /// The epoch count training stops at.
    func targetEpochs(_ config: TrainingConfig) -> Int {
        if case .epochs(let epochs) = self { return max(epochs, 0) }
        return config.epochs
    }

    /// The epochs the learning-rate schedule spans.
    func scheduleEpochs(_ config: TrainingConfig) -> Int {
        max(config.epochs, targetEpochs(config))
    }

    /// How many of `rows` training rows are used.
    func rows(of rows: Int) -> Int {
        guard case .dataFraction(let fraction) = self else { return rows }
        return min(max(Int((fraction * Double(rows)).rounded(.up)), 1), rows)
    }
}
