import AutoMLEngine
import AutoMLJSON
import AutoMLStrategies
import Foundation
import Testing

/// `Session.run` with the embedded trainer: journaled events, limits, failures, pruning and
/// cancellation, on a 90-row file and one-layer MLPs.
@Suite struct SessionRunTests {
    @Test func threeTrialsAreJournaledLikeAClientsTellsAndReplayToTheSameState() async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let csv = try SessionRunFixtures.writeBlobsCSV(in: directory)
        let engine = Engine(dataDir: directory + "/data")
        let session = try await engine.create(CreateRequest(strategy: "random", space: SessionRunFixtures.space(), seed: 3, sessionId: "three"))
        let reports = ProgressLog()
        let summary = try await engine.run(sessionId: "three", evaluator: SessionRunFixtures.evaluator(csv), limits: RunLimits(maxTrials: 3)) {
            await reports.append($0)
        }

        #expect(summary.trials == 3 && summary.complete == 3 && summary.stopReason == .maxTrials)
        let trials = await session.trials
        #expect(trials.count == 3)
        for trial in trials {
            #expect(trial.state == .complete)
            #expect((trial.cost ?? 0) > 0)
            // One report per epoch, the validation error.
            #expect(trial.intermediate.map(\.step) == [1, 2])
            #expect(trial.intermediate.allSatisfy { (0...1).contains($0.value) })
        }
        let best = try #require(summary.best.first)
        #expect(best.trial.value == trials.compactMap(\.value).min())
        // Test accuracy is reported, and the objective is 1 - validation accuracy.
        #expect(best.metrics?["testAccuracy"]?.doubleValue != nil)
        #expect(best.metrics?["validationError"]?.doubleValue == best.trial.value)
        #expect(await reports.items.map(\.done) == [1, 2, 3])
        #expect(await reports.items.map(\.percentage) == [33, 66, 100])

        await engine.shutdown()
        let replayed = try await Engine(dataDir: directory + "/data").session("three")
        #expect(await replayed.trials == trials)
        // The metrics are journaled with the tells: the reopened session still knows the best
        // trial's test accuracy without training it again.
        let reopenedBest = try #require(await replayed.best().first)
        #expect(reopenedBest.id == best.trial.id)
        #expect(reopenedBest.metrics?["testAccuracy"] == best.metrics?["testAccuracy"])
    }

    @Test func anotherRunContinuesTheSessionWithinItsOwnMaxTrials() async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let csv = try SessionRunFixtures.writeBlobsCSV(in: directory)
        let engine = Engine(dataDir: nil)
        let session = try await engine.create(CreateRequest(strategy: "random", space: SessionRunFixtures.space(), seed: 4, sessionId: "again"))
        let evaluator = SessionRunFixtures.evaluator(csv, epochs: 1)
        _ = try await engine.run(sessionId: "again", evaluator: evaluator, limits: RunLimits(maxTrials: 1))
        let second = try await engine.run(sessionId: "again", evaluator: evaluator, limits: RunLimits(maxTrials: 2))
        #expect(second.trials == 2)
        #expect(await session.trials.count == 3)
    }

    @Test func aConfigTheTrainerCannotBuildIsToldFailedAndTheRunGoesOn() async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let csv = try SessionRunFixtures.writeBlobsCSV(in: directory)
        let engine = Engine(dataDir: nil)
        // Five features are not a square image: every cnn2d trial fails; the grid then ends.
        let space = try SessionRunFixtures.space(["params": [["name": "architecture", "type": "categorical", "choices": ["cnn2d", "mlp"]]]])
        let session = try await engine.create(CreateRequest(strategy: "grid", space: space, seed: 1, sessionId: "fails"))
        let summary = try await engine.run(sessionId: "fails", evaluator: SessionRunFixtures.evaluator(csv, epochs: 1), limits: RunLimits(maxTrials: 10))

        #expect(summary.trials == 2 && summary.failed == 1 && summary.complete == 1)
        #expect(summary.stopReason == .exhausted)
        let failed = try #require(await session.trials.first { $0.state == .failed })
        #expect(failed.config["architecture"] == "cnn2d")
        #expect(summary.failures.map(\.trialId) == [failed.id])
        #expect(summary.failures.first?.reason.contains("config.inputShape") == true)
        #expect(summary.best.first?.trial.config["architecture"] == "mlp")
    }

    @Test func aPrunerStopsATrialThatLagsTheOthers() async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let csv = try SessionRunFixtures.writeBlobsCSV(in: directory)
        let engine = Engine(dataDir: nil)
        let session = try await engine.create(CreateRequest(
            strategy: "random", space: SessionRunFixtures.space(), seed: 5, sessionId: "pruned",
            pruner: ["name": "median", "options": ["startupTrials": 1]]))
        // A good learner first, then one whose rate is too small to move its random guesses.
        _ = try await session.enqueue(config: ["learningRate": 0.05, "width": 8])
        _ = try await session.enqueue(config: ["learningRate": 1e-6, "width": 8])
        let summary = try await engine.run(sessionId: "pruned", evaluator: SessionRunFixtures.evaluator(csv, epochs: 4), limits: RunLimits(maxTrials: 2))

        #expect(summary.complete == 1 && summary.pruned == 1)
        let trials = await session.trials
        #expect(trials[0].state == .complete && trials[0].intermediate.count == 4)
        #expect(trials[1].state == .pruned)
        // Stopped after the epoch whose report the pruner refused.
        #expect(trials[1].intermediate.count == 1)
        #expect(summary.best.first?.trial.id == 0)
    }

    @Test func cancellingStopsTrainingAbandonsTheTrialAndKeepsTheTold() async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let csv = try SessionRunFixtures.writeBlobsCSV(in: directory)
        let engine = Engine(dataDir: nil)
        let session = try await engine.create(CreateRequest(strategy: "random", space: SessionRunFixtures.space(), seed: 6, sessionId: "cancel"))
        _ = try await engine.run(sessionId: "cancel", evaluator: SessionRunFixtures.evaluator(csv, epochs: 1), limits: RunLimits(maxTrials: 1))
        // 100,000 epochs: the trial is still training when the cancellation comes.
        let run = Task {
            try await engine.run(sessionId: "cancel", evaluator: SessionRunFixtures.evaluator(csv, epochs: 100_000), limits: RunLimits(maxTrials: 5))
        }
        while await session.trials.count < 2 { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(100))
        run.cancel()
        let summary = try await run.value

        #expect(summary.stopReason == .cancelled && summary.trials == 0)
        let states = await session.trials.map(\.state)
        #expect(states == [.complete, .abandoned])
    }
}

/// Collects progress reports across the run's task.
actor ProgressLog {
    var items: [RunProgress] = []

    func append(_ progress: RunProgress) { items.append(progress) }
}
