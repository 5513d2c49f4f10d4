import AutoMLEngine
import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies
import Testing

/// Each pruner decides as its rule says, on crafted learning curves.
@Suite struct PrunerTests {
    static let minimize = [Objective(name: "loss", goal: .minimize)]

    /// A trial with the given curve (steps 1, 2, ...).
    static func trial(_ id: Int, _ curve: [Double], state: TrialState = .complete) -> TrialRecord {
        TrialRecord(
            id: id, state: state, config: [:], values: state == .complete ? [curve.last ?? 0] : nil,
            intermediate: curve.enumerated().map { IntermediateValue(step: Double($0.offset + 1), value: $0.element) })
    }

    static func pruner(_ name: String, _ options: JSON, objectives: [Objective] = minimize) throws -> AnyPruner {
        try PrunerRegistry.make(name: name, options: options, objectives: objectives, path: "params.pruner")
    }

    @Test func medianStopsATrialWorseThanTheMedianAtTheSameStep() throws {
        let history = [Self.trial(0, [1.0, 0.9]), Self.trial(1, [2.0, 1.5]), Self.trial(2, [3.0, 2.5])]
        let median = try Self.pruner("median", ["startupTrials": 0])
        let bad = Self.trial(3, [1.0, 2.0], state: .pending)  // best so far 1.0 <= median 2.0 at step 2
        #expect(median.decide(bad, history: history + [bad]) == .continue)
        let worse = Self.trial(4, [2.6, 2.7], state: .pending)  // best 2.6 > median 1.5 at step 2
        #expect(median.decide(worse, history: history + [worse]) == .prune)
    }

    @Test func medianWaitsForStartupTrialsAndWarmup() throws {
        let history = [Self.trial(0, [1.0]), Self.trial(1, [1.0])]
        let worse = Self.trial(2, [5.0], state: .pending)
        #expect(try Self.pruner("median", ["startupTrials": 3]).decide(worse, history: history) == .continue)
        #expect(try Self.pruner("median", ["startupTrials": 0, "warmupSteps": 2]).decide(worse, history: history) == .continue)
        #expect(try Self.pruner("median", ["startupTrials": 0]).decide(worse, history: history) == .prune)
    }

    @Test func percentileFollowsTheDirectionOfTheChosenObjective() throws {
        let history = (0..<4).map { Self.trial($0, [Double($0)]) }  // values 0, 1, 2, 3 at step 1
        let objectives = [Objective(name: "loss", goal: .minimize), Objective(name: "acc", goal: .maximize)]
        let onAccuracy = try Self.pruner("percentile", ["percentile": 25, "startupTrials": 0, "objective": 1], objectives: objectives)
        // Maximizing: 2.9 is in the top quarter of {0, 1, 2, 3}? The 25th percentile of losses
        // {-3, -2, -1, 0} is -2.25; -2.9 <= -2.25 continues, -1.5 is pruned.
        #expect(onAccuracy.decide(Self.trial(9, [2.9], state: .pending), history: history) == .continue)
        #expect(onAccuracy.decide(Self.trial(9, [1.5], state: .pending), history: history) == .prune)
    }

    @Test func successiveHalvingKeepsTheTopThirdAtEachRung() throws {
        // Rungs at steps 1, 3, 9 (eta 3). Six trials reached rung 0 with values 1...6.
        let history = (0..<6).map { Self.trial($0, [Double($0 + 1)]) }
        let pruner = try Self.pruner("successive-halving", ["minResource": 1, "reductionFactor": 3])
        // With the newcomer, 7 values: floor(7/3) = 2 promotable; the newcomer must be in the best 2.
        #expect(pruner.decide(Self.trial(10, [1.5], state: .pending), history: history) == .continue)
        #expect(pruner.decide(Self.trial(10, [2.5], state: .pending), history: history) == .prune)
        // Between rungs (step 2) nothing is decided.
        #expect(pruner.decide(Self.trial(11, [1.5, 100], state: .pending), history: history) == .continue)
    }

    @Test func hyperbandAssignsBracketsDeterministicallyAndJudgesWithinOne() throws {
        let pruner = try Self.pruner("hyperband", ["minResource": 1, "maxResource": 9, "reductionFactor": 3])
        let history = (0..<30).map { Self.trial($0, [Double($0), Double($0), Double($0)]) }
        let again = try Self.pruner("hyperband", ["minResource": 1, "maxResource": 9, "reductionFactor": 3])
        for id in 0..<40 {
            let probe = Self.trial(100 + id, [50, 50, 50], state: .pending)
            #expect(pruner.decide(probe, history: history) == again.decide(probe, history: history))
        }
        // A trial far better than everyone is never pruned, wherever it runs.
        for id in 0..<10 {
            #expect(pruner.decide(Self.trial(200 + id, [-1], state: .pending), history: history) == .continue)
        }
    }

    @Test func patienceStopsAfterThatManyReportsWithoutImprovement() throws {
        let pruner = try Self.pruner("patience", ["patience": 2])
        #expect(pruner.decide(Self.trial(0, [3, 2, 2.5, 2.4], state: .pending), history: []) == .continue)
        #expect(pruner.decide(Self.trial(0, [3, 2, 2.5, 2.4, 2.1], state: .pending), history: []) == .prune)
        #expect(pruner.decide(Self.trial(0, [3, 2, 2.5, 2.4, 1.9], state: .pending), history: []) == .continue)
        let wrapped = try Self.pruner("patience", ["patience": 1, "wrapped": ["name": "median", "options": ["startupTrials": 5]]])
        #expect(wrapped.decide(Self.trial(0, [1, 2, 3], state: .pending), history: []) == .continue)
    }

    @Test func badPrunerOptionsAreNamed() throws {
        #expect(throws: JSONFieldError(path: "params.pruner.options.percentile", reason: "required: a number from 0 to 100")) {
            try Self.pruner("percentile", [:])
        }
        #expect(throws: JSONFieldError.self) { try Self.pruner("nope", [:]) }
        #expect(throws: JSONFieldError.self) { try Self.pruner("median", ["objective": 3]) }
        #expect(throws: JSONFieldError.self) { try Self.pruner("median", ["startupTrial": 3]) }
    }

    @Test func aSessionWithAPrunerAnswersReportsAndReplaysTheSameDecisions() async throws {
        let space = try SearchSpace(json: ["params": [["name": "x", "type": "float", "low": 0.0, "high": 1.0]]], path: "space")
        let objectives = [Objective(name: "loss", goal: .minimize), Objective(name: "size", goal: .minimize)]
        let session = try await Engine(dataDir: nil).create(
            CreateRequest(strategy: "random", space: space, objectives: objectives, seed: 3, pruner: ["name": "median", "options": ["startupTrials": 1]]))
        let first = try await session.ask(count: 1, clientId: nil).trials[0]
        _ = try await session.report(trialId: first.id, step: 1, value: 0.1)
        _ = try await session.tell(trialId: first.id, state: .complete, values: [0.1, 1], budget: nil, cost: nil)
        let second = try await session.ask(count: 1, clientId: nil).trials[0]
        #expect(try await session.report(trialId: second.id, step: 1, value: 0.05) == .continue)
        let third = try await session.ask(count: 1, clientId: nil).trials[0]
        #expect(try await session.report(trialId: third.id, step: 1, value: 0.9) == .prune)
    }
}
