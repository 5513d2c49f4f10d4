import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import AutoMLStrategies
@testable import AutoMLNAS

/// Runs a strategy directly (no session): asks make pending trial records, tells finish them.
struct StrategyDriver<S: Strategy> {
    var strategy: S
    var trials: [TrialRecord] = []
    var rng: SeededGenerator
    let space: SearchSpace
    let objectives = Objective.defaultList

    /// The session's params (a session needs one; NAS strategies serve them alongside).
    static var defaultSpace: JSON { ["params": [["name": "lr", "type": "float", "low": 0.001, "high": 0.1, "log": true]]] }

    init(_ type: S.Type, options: JSON, seed: UInt64, space: JSON = Self.defaultSpace) throws {
        var decoder = JSONValueDecoder()
        decoder.rejectUnknownMembers = true
        self.space = try SearchSpace(json: space, path: "space")
        strategy = try S(space: self.space, objectives: Objective.defaultList, options: decoder.decode(S.Options.self, from: options, path: "options"))
        rng = SeededGenerator(seed: seed)
    }

    /// Asks for `count` trials and records them as pending; returns their ids.
    mutating func ask(_ count: Int = 1) throws -> [Int] {
        var context = StrategyContext(rng: rng, trials: trials, space: space, objectives: objectives)
        let outcome = try strategy.ask(count, context: &context)
        rng = context.rng
        return outcome.suggestions.map { suggestion in
            trials.append(TrialRecord(id: trials.count, state: .pending, config: suggestion.config,
                                      architecture: suggestion.architecture, tag: suggestion.tag))
            return trials.count - 1
        }
    }

    /// Finishes trial `id` with `value` (complete) or in `state`.
    mutating func tell(_ id: Int, value: Double?, state: TrialState = .complete) {
        trials[id].state = state
        trials[id].values = value.map { [$0] }
        var context = StrategyContext(rng: rng, trials: trials, space: space, objectives: objectives)
        strategy.tell(trials[id], context: &context)
        rng = context.rng
    }

    func decisions(_ id: Int) -> [Int] { Architecture.decisions(in: trials[id].architecture) ?? [] }

    /// Runs `budget` trials one at a time with `loss(decisions)`; returns the best loss seen.
    mutating func run(_ budget: Int, loss: ([Int]) -> Double) throws -> Double {
        var best = Double.infinity
        for _ in 0..<budget {
            for id in try ask() {
                let value = loss(decisions(id))
                best = min(best, value)
                tell(id, value: value)
            }
        }
        return best
    }
}
