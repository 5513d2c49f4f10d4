import AutoMLEngine
import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies
import Foundation
import Testing

/// The trainer evaluator's contract before any training: the spec, the objectives' metrics,
/// the config merge, and errors that name their field.
@Suite struct SessionRunEvaluatorTests {
    func spec(objectives: [Objective] = Objective.defaultList, pruner: JSON? = nil, space: JSON = SessionRunFixtures.spaceJSON) throws -> SessionSpec {
        SessionSpec(id: "s", name: nil, strategyName: "random", strategyOptions: nil, space: try SessionRunFixtures.space(space),
                    objectives: objectives, seed: 0, pruner: pruner)
    }

    func expectError(_ evaluator: JSON, path: String, objectives: [Objective] = Objective.defaultList, space: JSON = SessionRunFixtures.spaceJSON,
                     sourceLocation: SourceLocation = #_sourceLocation) async throws {
        do {
            _ = try await TrainerEvaluator.make(evaluator, session: spec(objectives: objectives, space: space))
            Issue.record("accepted \(evaluator.serialized())", sourceLocation: sourceLocation)
        } catch let error as JSONFieldError {
            #expect(error.path == path, "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func badSpecsNameTheirField() async throws {
        try await expectError(["kind": "python", "dataset": "digits"], path: "params.evaluator.kind")
        try await expectError(["kind": "trainer"], path: "params.evaluator.dataset")
        try await expectError(["kind": "trainer", "dataset": "no-such-data"], path: "params.evaluator.dataset")
        try await expectError(["kind": "trainer", "dataset": "digits", "validationFraction": 1.5], path: "params.evaluator.validationFraction")
        try await expectError(["kind": "trainer", "dataset": "digits", "config": ["learningRat": 0.1]], path: "params.evaluator.config.learningRat")
        try await expectError(["kind": "trainer", "dataset": "digits", "config": ["epochs": 0]], path: "params.evaluator.config.epochs")
        try await expectError(["kind": "trainer", "dataset": "digits", "config": 3], path: "params.evaluator.config")
        try await expectError(["kind": "trainer", "dataset": "digits", "budgetUnit": "steps"], path: "params.evaluator.budgetUnit")
        try await expectError(["kind": "trainer", "dataset": "digits", "seed": -1], path: "params.evaluator.seed")
        try await expectError(["kind": "trainer", "dataset": "digits", "colour": "red"], path: "params.evaluator.colour")
        try await expectError("digits", path: "params.evaluator")
    }

    @Test func testMetricsUnknownMetricsAndOppositeGoalsAreRefused() async throws {
        try await expectError(["kind": "trainer", "dataset": "digits", "metric": "testAccuracy"], path: "params.evaluator.metric")
        try await expectError(["kind": "trainer", "dataset": "digits", "metric": "f1"], path: "params.evaluator.metric")
        // The default objective is minimized: maximizing its metric's loss would find the worst model.
        try await expectError(["kind": "trainer", "dataset": "digits", "metric": "validationAccuracy"], path: "params.evaluator.metric")
        try await expectError(["kind": "trainer", "dataset": "digits"], path: "params.evaluator.metric",
                              objectives: [Objective(name: "value", goal: .maximize)])
        try await expectError(["kind": "trainer", "dataset": "digits"], path: "params.sessionId",
                              objectives: [Objective(name: "validationAccuracy", goal: .minimize)])
        try await expectError(["kind": "trainer", "dataset": "digits"], path: "params.sessionId",
                              objectives: [Objective(name: "testAccuracy", goal: .maximize), Objective(name: "parameters")])
        try await expectError(["kind": "trainer", "dataset": "digits"], path: "params.sessionId",
                              objectives: [Objective(name: "value"), Objective(name: "parameters")])
    }

    @Test func aSpaceParameterThatIsNoConfigMemberIsRefusedBeforeAnyTrial() async throws {
        try await expectError(["kind": "trainer", "dataset": "digits"], path: "params.sessionId",
                              space: ["params": [["name": "lr", "type": "float", "low": 0.001, "high": 0.1]]])
    }

    @Test func objectivesTakeTheirMetricsByName() throws {
        let single = try ObjectiveMetrics(objectives: Objective.defaultList, metric: nil, path: "e")
        #expect(single.names == ["validationError"])
        let chosen = try ObjectiveMetrics(objectives: [Objective(name: "value", goal: .maximize)], metric: "netscore", path: "e")
        #expect(chosen.names == ["netscore"])
        let two = try ObjectiveMetrics(objectives: [Objective(name: "validationAccuracy", goal: .maximize), Objective(name: "macs")],
                                       metric: nil, prunedIndex: 1, path: "e")
        #expect(two.names == ["validationAccuracy", "macs"] && two.reportedIndex == 1)
        let metrics: JSONObject = ["validationAccuracy": 0.75, "macs": 1200, "testAccuracy": 0.5]
        #expect(try two.values(from: metrics).get() == [0.75, 1200])
        #expect(throws: ObjectiveMetrics.MissingMetric(name: "validationError")) { try single.values(from: metrics).get() }
    }

    @Test func configMergeOrderIsEvaluatorThenTrialThenArchitectureTrainingThenModel() throws {
        let model: JSON = ["layers": [["type": "linear", "units": 3]]]
        let trial = TrialRecord(
            id: 0, state: .pending, config: ["width": 8, "learningRate": 0.01],
            architecture: ["space": "test", "decisions": [0], "training": ["width": 16, "dropout": 0.1], "model": model])
        let merged = try TrialTrainingConfig.members(evaluatorConfig: ["epochs": 3, "width": 4, "learningRate": 0.5], seed: 9, trial: trial)
        #expect(merged["epochs"] == 3)
        #expect(merged["learningRate"] == 0.01)
        #expect(merged["width"] == 16 && merged["dropout"] == 0.1)
        #expect(merged["model"] == model)
        #expect(merged["seed"] == 9)
        let seeded = try TrialTrainingConfig.members(evaluatorConfig: ["seed": 4], seed: 9, trial: TrialRecord(id: 1, state: .pending, config: [:]))
        #expect(seeded["seed"] == 4)
        let bad = TrialRecord(id: 2, state: .pending, config: [:], architecture: ["training": 5])
        #expect(throws: JSONFieldError.self) { try TrialTrainingConfig.members(evaluatorConfig: [:], seed: 0, trial: bad) }
    }

    @Test func everyMetricATrainingReportsIsSelectableOrTestOnly() async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let csv = try SessionRunFixtures.writeBlobsCSV(in: directory)
        let engine = Engine(dataDir: nil)
        _ = try await engine.create(CreateRequest(strategy: "random", space: SessionRunFixtures.space(), seed: 1, sessionId: "m"))
        let summary = try await engine.run(sessionId: "m", evaluator: SessionRunFixtures.evaluator(csv, epochs: 1), limits: RunLimits(maxTrials: 1))
        let metrics = try #require(summary.best.first?.metrics)
        #expect(metrics["testAccuracy"] != nil && metrics["netscore"] != nil && metrics["latencyMs"] != nil)
        for (name, _) in metrics {
            #expect(TrainerMetrics.isSelectable(name) || TrainerMetrics.testOnly.contains(name), "\(name) is in neither list")
        }
    }
}
