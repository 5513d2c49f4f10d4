import AutoMLEngine
import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies
import Foundation
import Testing

/// NAS strategies in `Session.run`: each trial's architecture is built from its `model` (and its
/// `training` overrides) and trained by the embedded trainer, with objectives read by name.
@Suite struct SessionRunNASTests {
    /// A 1-D space small enough for a debug build: five features seen as one channel of length 5.
    static let nasnet: JSON = ["kind": "nasnet", "dimensions": 1, "inputShape": [1, 5], "classes": 3,
                               "channels": 4, "blocks": 1, "normalCells": 1, "reductions": 0]
    static let mnasnet: JSON = ["kind": "mnasnet", "dimensions": 1, "inputShape": [1, 5], "classes": 3,
                                "channels": 4, "blocks": 2, "reductions": 0]

    struct Case: Sendable, CustomStringConvertible {
        var strategy: String
        var options: JSON
        var objectives: [Objective]
        var description: String { strategy }
    }

    static let accuracyAndSize = [Objective(name: "validationAccuracy", goal: .maximize), Objective(name: "modelBytes", goal: .minimize)]
    static let accuracyAndLatency = [Objective(name: "validationAccuracy", goal: .maximize), Objective(name: "latencyMs", goal: .minimize)]

    static let cases: [Case] = [
        Case(strategy: "regularized-evolution", options: ["space": nasnet, "population": 2, "sample": 2], objectives: Objective.defaultList),
        Case(strategy: "nas-random", options: ["space": nasnet], objectives: Objective.defaultList),
        Case(strategy: "nas-reinforce", options: ["space": nasnet, "hiddenSize": 4], objectives: Objective.defaultList),
        Case(strategy: "nas-ppo", options: ["space": nasnet, "hiddenSize": 4], objectives: Objective.defaultList),
        Case(strategy: "mnasnet", options: ["space": mnasnet, "hiddenSize": 4, "targetLatencyMs": 1.0], objectives: accuracyAndLatency),
        Case(strategy: "jasqnet", options: ["space": ["kind": "quantized", "base": nasnet], "populationSize": 4], objectives: accuracyAndSize),
    ]

    @Test(arguments: cases)
    func architecturesAreTrainedAndToldByObjectiveName(_ test: Case) async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let csv = try SessionRunFixtures.writeBlobsCSV(in: directory)
        let engine = Engine(dataDir: nil)
        let session = try await engine.create(CreateRequest(
            strategy: test.strategy, options: test.options, space: try SearchSpace(parameters: []),
            objectives: test.objectives, seed: 3, sessionId: "nas"))
        let evaluator = SessionRunFixtures.evaluator(csv, epochs: 1)
        let summary = try await engine.run(sessionId: "nas", evaluator: evaluator, limits: RunLimits(maxTrials: 3))
        #expect(summary.complete == 3, "failures: \(summary.failures.map(\.reason))")
        let trials = await session.trials
        #expect(trials.count == 3)
        for trial in trials {
            #expect(trial.architecture?["model"] != nil)
            #expect(trial.values?.count == test.objectives.count)
        }
    }
}
