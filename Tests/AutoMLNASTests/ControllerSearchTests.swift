import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import AutoMLStrategies
import Foundation
import Testing
@testable import AutoMLNAS

@Suite struct ControllerSearchTests {
    static let target = [2, 0, 3, 1]
    static let space = ToyArchitectureSpace(choices: [4, 4, 4, 4])

    static func settings(_ rule: String, learningRate: Double? = nil, failed: String? = nil) throws -> ControllerSettings {
        try ControllerSettings(
            hiddenSize: 16, temperature: nil, tanhConstant: nil, initRange: nil, learningRate: learningRate, batchSize: nil,
            baselineDecay: nil, entropyWeight: nil, failed: failed, ppo: rule == "ppo", epochs: nil, clipEpsilon: nil,
            path: "params.strategy.options")
    }

    /// The toy bandit: 256 vectors, reward 1 for the hidden target only, 0.1 per matching decision otherwise.
    static func reward(_ decisions: [Int]) -> Double {
        decisions == target ? 1 : 0.1 * Double(zip(decisions, target).filter { $0 == $1 }.count)
    }

    @Test(arguments: ["reinforce", "ppo"])
    func learnsAToyBanditWithinTwoHundredTrials(_ rule: String) throws {
        var search = ControllerSearch(architectureSpace: Self.space, settings: try Self.settings(rule))
        let handed = try runBandit(&search, trials: 200, seed: 42, reward: Self.reward)
        let controller = try #require(search.trainer?.controller)
        let p = exp(controller.logProbabilities(of: [Self.target])[0])
        // Uniform sampling gives the target probability 1/256; the trained policy concentrates on it.
        #expect(p > 0.5, "p(target) = \(p)")
        let lastHits = handed.suffix(40).filter { $0 == Self.target }.count
        let firstHits = handed.prefix(40).filter { $0 == Self.target }.count
        #expect(lastHits > firstHits + 10, "target drawn \(firstHits) times in the first 40 trials, \(lastHits) in the last 40")
    }

    @Test func replayingTheSameEventsRebuildsTheSameController() throws {
        var a = ControllerSearch(architectureSpace: Self.space, settings: try Self.settings("ppo"))
        var b = a
        let first = try runBandit(&a, trials: 30, seed: 8, reward: Self.reward)
        let second = try runBandit(&b, trials: 30, seed: 8, reward: Self.reward)
        #expect(first == second)
        #expect(a.trainer == b.trainer)
        #expect((a.trainer?.steps ?? 0) == 6 * 4)
    }

    @Test func severalAtOnceAreDistinctFromEachOtherAndFromPendingTrials() throws {
        // 9 draws among 16 vectors would repeat one with probability 0.93 without resampling.
        var search = ControllerSearch(architectureSpace: ToyArchitectureSpace(choices: [4, 4]), settings: try Self.settings("reinforce"))
        let space = try toySessionSpace()
        var context = StrategyContext(rng: SeededGenerator(seed: 1), trials: [], space: space, objectives: Objective.defaultList)
        let first = search.ask(6, context: &context).suggestions
        let pending = first.enumerated().map { TrialRecord(id: $0.offset, state: .pending, config: $0.element.config, architecture: $0.element.architecture) }
        var later = StrategyContext(rng: context.rng, trials: pending, space: space, objectives: Objective.defaultList)
        let second = search.ask(3, context: &later).suggestions
        let all = (first + second).compactMap { Architecture.decisions(in: $0.architecture) }
        #expect(all.count == 9)
        #expect(Set(all).count == 9)
        #expect(Set((first + second).map(\.config)).count == 9)
    }

    @Test func askingForMoreThanTheSpaceHoldsStillAnswersEveryTrial() throws {
        var search = ControllerSearch(architectureSpace: ToyArchitectureSpace(choices: [2]), settings: try Self.settings("reinforce"))
        var context = StrategyContext(rng: SeededGenerator(seed: 1), trials: [], space: try toySessionSpace(), objectives: Objective.defaultList)
        let suggestions = search.ask(5, context: &context).suggestions
        #expect(suggestions.count == 5)
        #expect(Set(suggestions.compactMap { Architecture.decisions(in: $0.architecture) }) == [[0], [1]])
    }

    @Test func failedTrialsAreSkippedOrCountWithTheWorstReward() throws {
        for (policy, expected) in [("skip", [[Double]]([[0.5]])), ("worst", [[0.5, 0.5]])] {
            var search = ControllerSearch(architectureSpace: Self.space, settings: try Self.settings("reinforce", failed: policy))
            let space = try toySessionSpace()
            var context = StrategyContext(rng: SeededGenerator(seed: 1), trials: [], space: space, objectives: Objective.defaultList)
            let suggestions = search.ask(3, context: &context).suggestions
            let failedFirst = TrialRecord(id: 0, state: .failed, config: [:], architecture: suggestions[0].architecture)
            let complete = TrialRecord(id: 1, state: .complete, config: [:], architecture: suggestions[1].architecture, values: [0.5])
            let pruned = TrialRecord(id: 2, state: .pruned, config: [:], architecture: suggestions[2].architecture)
            let warmStart = TrialRecord(id: 3, state: .complete, config: [:], values: [9])
            for trial in [failedFirst, complete, pruned, warmStart] {
                search.tell(trial, reward: trial.value, context: &context)
            }
            // No worst reward exists before the first reward: the first failure is skipped either way.
            #expect([search.batch.map(\.reward)] == expected, "\(policy)")
        }
    }

    @Test func badOptionsNameTheirField() {
        #expect(throws: JSONFieldError(path: "params.strategy.options.learningRate", reason: "expected a number in (0, 1], not 2.0")) {
            _ = try Self.settings("reinforce", learningRate: 2)
        }
        #expect(throws: JSONFieldError(path: "params.strategy.options.failed", reason: "expected \"skip\" or \"worst\", not \"retry\"")) {
            _ = try Self.settings("reinforce", failed: "retry")
        }
    }
}
