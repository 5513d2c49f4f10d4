import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace

/// What a strategy may read and draw from while it serves one event.
///
/// The generator is the session's: the only randomness a strategy may use, so that replaying the
/// same events gives the same suggestions. The history is read-only and includes pending trials
/// (for constant liar, kriging believer and asynchronous rungs).
public struct StrategyContext: Sendable {
    public var rng: SeededGenerator
    /// Every trial of the session, indexed by id.
    public let trials: [TrialRecord]
    public let space: SearchSpace
    public let objectives: [Objective]

    public init(rng: SeededGenerator, trials: [TrialRecord], space: SearchSpace, objectives: [Objective]) {
        self.rng = rng
        self.trials = trials
        self.space = space
        self.objectives = objectives
    }

    /// Trials handed out and not yet finished.
    public var pending: [TrialRecord] { trials.filter { $0.state == .pending } }

    /// Trials with values.
    public var completed: [TrialRecord] { trials.filter { $0.state == .complete } }
}
