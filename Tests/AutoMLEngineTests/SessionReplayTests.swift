import AutoMLEngine
import AutoMLJSON
import AutoMLStrategies
import Foundation
import Testing

@Suite struct SessionReplayTests {
    @Test func reopenedSessionContinuesWithTheSameSuggestions() async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let space = try EngineFixtures.mixedSpace()

        let uninterrupted = try await Engine(dataDir: nil).create(CreateRequest(strategy: "random", space: space, seed: 11))
        let expected = try await EngineFixtures.run(uninterrupted, rounds: 30)

        let first = Engine(dataDir: directory)
        let stored = try await first.create(CreateRequest(strategy: "random", space: space, seed: 11, sessionId: "replay"))
        let before = try await EngineFixtures.run(stored, rounds: 12)
        let pending = try await stored.ask(count: 1, clientId: nil).trials[0]
        await first.shutdown()

        // A new engine over the same directory stands for a restarted daemon.
        let second = Engine(dataDir: directory)
        let reopened = try await second.session("replay")
        #expect(await reopened.trials.count == 13)
        #expect(try await reopened.trial(pending.id).state == .pending)
        _ = try await reopened.tell(trialId: pending.id, state: .complete, values: [EngineFixtures.objective(pending.config)], budget: nil, cost: nil)
        let after = try await EngineFixtures.run(reopened, rounds: 17)
        #expect(before + [pending.config] + after == expected)
    }

    @Test func tornLastLineIsDroppedAndTheSessionStillOpens() async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = Engine(dataDir: directory)
        let session = try await engine.create(CreateRequest(strategy: "random", space: EngineFixtures.mixedSpace(), seed: 2, sessionId: "torn"))
        _ = try await EngineFixtures.run(session, rounds: 3)
        await engine.shutdown()
        let path = DataDirectory.journalPath(dataDir: directory, sessionId: "torn")
        // Simulate a crash in the middle of writing one more event.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"seq":8,"event":{"type":"ask","cou"#.utf8))
        handle.closeFile()

        let second = Engine(dataDir: directory)
        let reopened = try await second.session("torn")
        #expect(await reopened.trials.count == 3)
        let next = try await reopened.ask(count: 1, clientId: nil)
        #expect(next.trials.count == 1)
        await second.shutdown()
        // The repaired journal opens again, with the new event.
        let again = try await Engine(dataDir: directory).session("torn")
        #expect(await again.trials.count == 4)
    }

    @Test func corruptionBeforeTheTailIsReportedNotSkipped() async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = Engine(dataDir: directory)
        let session = try await engine.create(CreateRequest(strategy: "random", space: EngineFixtures.mixedSpace(), seed: 2, sessionId: "bad"))
        _ = try await EngineFixtures.run(session, rounds: 3)
        await engine.shutdown()
        let path = DataDirectory.journalPath(dataDir: directory, sessionId: "bad")
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[1] = lines[1].replacingOccurrences(of: "\"ask\"", with: "\"asc\"")
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try await Engine(dataDir: directory).session("bad")
            Issue.record("a corrupt journal opened")
        } catch let error as EngineError {
            guard case .journalCorrupt(let reason) = error else {
                Issue.record("expected journalCorrupt, got \(error)")
                return
            }
            #expect(reason.contains("line 2"))
        }
    }
}
