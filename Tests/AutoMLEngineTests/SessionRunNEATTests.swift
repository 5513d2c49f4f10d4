import AutoMLEngine
import AutoMLJSON
import AutoMLStrategies
import Foundation
import Testing

/// `neat` trials in `Session.run`: the genome's network is scored as evolved, never trained.
@Suite struct SessionRunNEATTests {
    func run(inputs: Int, directory: String) async throws -> (RunSummary, [TrialRecord]) {
        let csv = try SessionRunFixtures.writeBlobsCSV(in: directory)
        let engine = Engine(dataDir: nil)
        let session = try await engine.create(CreateRequest(
            strategy: "neat", options: ["populationSize": 4, "inputs": .int(Int64(inputs)), "outputs": 3],
            space: SessionRunFixtures.space(), seed: 2, sessionId: "neat"))
        let summary = try await engine.run(sessionId: "neat", evaluator: SessionRunFixtures.evaluator(csv), limits: RunLimits(maxTrials: 4))
        return (summary, await session.trials)
    }

    @Test func aGenomeIsScoredOnTheValidationRowsWithoutTraining() async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (summary, trials) = try await run(inputs: 5, directory: directory)
        #expect(summary.complete == 4)
        #expect(trials.allSatisfy { $0.intermediate.isEmpty && $0.architecture?["space"] == "neat" })
        let best = try #require(summary.best.first)
        let accuracy = try #require(best.metrics?["validationAccuracy"]?.doubleValue)
        #expect(best.trial.value == 1 - accuracy)
        #expect(best.metrics?["testAccuracy"] != nil && best.metrics?["epochsTrained"] == nil)
    }

    @Test func aGenomeThatDoesNotFitTheDataFailsItsTrial() async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (summary, _) = try await run(inputs: 2, directory: directory)
        #expect(summary.failed == 4)
        #expect(summary.failures.first?.reason.contains("architecture.genotype.nodes") == true)
    }
}
