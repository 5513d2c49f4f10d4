import AutoMLEngine
import AutoMLJSON
import AutoMLStrategies
import Foundation
import Testing

/// Budgets and promotions in `Session.run`: Hyperband's epochs, checkpoints, data fractions.
@Suite struct SessionRunBudgetTests {
    /// Hyperband with budgets 1 and 3 epochs (eta 3): three trials of one epoch, then the best
    /// one promoted to three epochs with `resumeOf`.
    func hyperbandRun(dataDir: String?, csv: String) async throws -> [TrialRecord] {
        let engine = Engine(dataDir: dataDir)
        let session = try await engine.create(CreateRequest(
            strategy: "hyperband", options: ["minBudget": 1, "maxBudget": 3, "eta": 3], space: SessionRunFixtures.space(),
            seed: 7, sessionId: "hb"))
        let summary = try await engine.run(sessionId: "hb", evaluator: SessionRunFixtures.evaluator(csv, epochs: 3), limits: RunLimits(maxTrials: 4))
        #expect(summary.complete == 4)
        let trials = await session.trials
        #expect(trials.map(\.budget) == [1, 1, 1, 3])
        #expect(trials[3].resumeOf != nil)
        #expect(summary.best.first?.metrics?["epochsTrained"] != nil)
        return trials
    }

    @Test func aPromotionContinuesItsTrialsCheckpoint() async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let csv = try SessionRunFixtures.writeBlobsCSV(in: directory)
        let trials = try await hyperbandRun(dataDir: directory + "/data", csv: csv)
        // Epoch 1 came from the checkpoint: only epochs 2 and 3 were trained and reported.
        #expect(trials[3].intermediate.map(\.step) == [2, 3])
        let source = try #require(trials[3].resumeOf)
        let checkpoint = DataDirectory.checkpointRoot(dataDir: directory + "/data", sessionId: "hb") + "/\(source)/checkpoint.json"
        #expect(FileManager.default.fileExists(atPath: checkpoint))
    }

    @Test func withoutADataDirectoryAPromotionTrainsFromScratch() async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let csv = try SessionRunFixtures.writeBlobsCSV(in: directory)
        let trials = try await hyperbandRun(dataDir: nil, csv: csv)
        #expect(trials[3].intermediate.map(\.step) == [1, 2, 3])
    }

    @Test func aFractionBudgetAboveOneFailsTheTrialWithTheReason() async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let csv = try SessionRunFixtures.writeBlobsCSV(in: directory)
        let engine = Engine(dataDir: nil)
        _ = try await engine.create(CreateRequest(
            strategy: "hyperband", options: ["minBudget": 1, "maxBudget": 3, "eta": 3], space: SessionRunFixtures.space(),
            seed: 8, sessionId: "fraction"))
        let evaluator = SessionRunFixtures.evaluator(csv, extra: ["budgetUnit": "fraction"])
        let summary = try await engine.run(sessionId: "fraction", evaluator: evaluator, limits: RunLimits(maxTrials: 4))
        // Budget 1 is all the rows; the promotion's budget 3 is no fraction.
        #expect(summary.complete == 3 && summary.failed == 1)
        #expect(summary.failures.first?.reason.contains("maxBudget to 1") == true)
    }
}
