import AutoMLEngine
import AutoMLJSON
import AutoMLStrategies
import Foundation
import Testing

@Suite struct SessionLifecycleTests {
    @Test func askTellAndBestInMemory() async throws {
        let engine = Engine(dataDir: nil)
        let session = try await engine.create(CreateRequest(strategy: "random", space: EngineFixtures.mixedSpace(), seed: 1))
        let configs = try await EngineFixtures.run(session, rounds: 20)
        #expect(configs.count == 20)
        let best = await session.best()
        #expect(best.count == 1)
        let bestValue = try #require(best.first?.value)
        #expect(bestValue == configs.map(EngineFixtures.objective).min())
    }

    @Test func sameSeedGivesSameTrials() async throws {
        let a = try await Engine(dataDir: nil).create(CreateRequest(strategy: "random", space: EngineFixtures.mixedSpace(), seed: 42))
        let b = try await Engine(dataDir: nil).create(CreateRequest(strategy: "random", space: EngineFixtures.mixedSpace(), seed: 42))
        let c = try await Engine(dataDir: nil).create(CreateRequest(strategy: "random", space: EngineFixtures.mixedSpace(), seed: 43))
        let runA = try await EngineFixtures.run(a, rounds: 30)
        let runB = try await EngineFixtures.run(b, rounds: 30)
        let runC = try await EngineFixtures.run(c, rounds: 30)
        #expect(runA == runB)
        #expect(runA != runC)
    }

    @Test func enqueuedConfigsAreHandedOutFirstInOrder() async throws {
        let session = try await Engine(dataDir: nil).create(CreateRequest(strategy: "random", space: EngineFixtures.mixedSpace(), seed: 3))
        let first: JSONObject = ["lr": 0.01, "layers": 2, "optimizer": "adam", "size": 32]
        let second: JSONObject = ["lr": 0.1, "layers": 1, "optimizer": "sgd", "momentum": 0.9, "size": 16]
        let queuedA = try await session.enqueue(config: first)
        let queuedB = try await session.enqueue(config: second)
        #expect(queuedA.state == .queued)
        let reply = try await session.ask(count: 3, clientId: nil)
        #expect(reply.trials.map(\.id) == [queuedA.id, queuedB.id, 2])
        #expect(reply.trials[0].config == first)
        #expect(reply.trials[1].config == second)
        #expect(reply.trials.allSatisfy { $0.state == .pending })
    }

    @Test func sameClientAskingAgainGetsItsPendingTrialBack() async throws {
        let session = try await Engine(dataDir: nil).create(CreateRequest(strategy: "random", space: EngineFixtures.mixedSpace(), seed: 3))
        let first = try await session.ask(count: 1, clientId: "worker-1")
        let again = try await session.ask(count: 1, clientId: "worker-1")
        let other = try await session.ask(count: 1, clientId: "worker-2")
        #expect(first.trials.map(\.id) == again.trials.map(\.id))
        #expect(other.trials.map(\.id) != first.trials.map(\.id))
        _ = try await session.tell(trialId: first.trials[0].id, state: .complete, values: [1], budget: nil, cost: nil)
        let next = try await session.ask(count: 1, clientId: "worker-1")
        #expect(next.trials.map(\.id) != first.trials.map(\.id))
    }

    @Test func tellingTwiceOrAnUnknownTrialFailsAndChangesNothing() async throws {
        let session = try await Engine(dataDir: nil).create(CreateRequest(strategy: "random", space: EngineFixtures.mixedSpace(), seed: 3))
        let trial = try await session.ask(count: 1, clientId: nil).trials[0]
        _ = try await session.tell(trialId: trial.id, state: .complete, values: [2], budget: nil, cost: nil)
        await #expect(throws: EngineError.trialFinished(trialId: trial.id, state: "complete")) {
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [1], budget: nil, cost: nil)
        }
        await #expect(throws: EngineError.unknownTrial(sessionId: session.id, trialId: 99)) {
            _ = try await session.tell(trialId: 99, state: .complete, values: [1], budget: nil, cost: nil)
        }
        #expect(try await session.trial(trial.id).value == 2)
    }

    @Test func failedPrunedAndAbandonedTrialsAreNotBest() async throws {
        let session = try await Engine(dataDir: nil).create(CreateRequest(strategy: "random", space: EngineFixtures.mixedSpace(), seed: 5))
        let trials = try await session.ask(count: 4, clientId: nil).trials
        _ = try await session.tell(trialId: trials[0].id, state: .failed, values: nil, budget: nil, cost: nil)
        _ = try await session.tell(trialId: trials[1].id, state: .pruned, values: [-100], budget: nil, cost: nil)
        _ = try await session.abandon(trialId: trials[2].id)
        _ = try await session.tell(trialId: trials[3].id, state: .complete, values: [7], budget: nil, cost: nil)
        #expect(await session.best().map(\.id) == [trials[3].id])
        let states = await session.trials.map(\.state)
        #expect(states == [.failed, .pruned, .abandoned, .complete])
    }

    @Test func severalObjectivesGiveTheParetoSet() async throws {
        let engine = Engine(dataDir: nil)
        let objectives = [Objective(name: "error", goal: .minimize), Objective(name: "accuracy", goal: .maximize)]
        let session = try await engine.create(CreateRequest(strategy: "random", space: EngineFixtures.mixedSpace(), objectives: objectives, seed: 5))
        let trials = try await session.ask(count: 4, clientId: nil).trials
        let values: [[Double]] = [[1, 0.5], [2, 0.9], [3, 0.4], [1, 0.4]]
        for (trial, value) in zip(trials, values) {
            _ = try await session.tell(trialId: trial.id, state: .complete, values: value, budget: nil, cost: nil)
        }
        #expect(await session.best().map(\.id) == [trials[0].id, trials[1].id])
    }

    @Test func closedSessionRefusesEventsUntilReopened() async throws {
        let directory = EngineFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = Engine(dataDir: directory)
        let session = try await engine.create(CreateRequest(strategy: "random", space: EngineFixtures.mixedSpace(), seed: 5, sessionId: "closing"))
        try await engine.close("closing")
        let reloaded = try await engine.session("closing")
        #expect(reloaded !== session)
        await #expect(throws: EngineError.sessionClosed("closing")) {
            _ = try await reloaded.ask(count: 1, clientId: nil)
        }
        let reopened = try await engine.open("closing")
        #expect(try await reopened.ask(count: 1, clientId: nil).trials.count == 1)
    }

    @Test func unknownStrategyAndDuplicateSessionIdAreErrors() async throws {
        let engine = Engine(dataDir: nil)
        await #expect(throws: EngineError.self) {
            _ = try await engine.create(CreateRequest(strategy: "no-such", space: EngineFixtures.mixedSpace()))
        }
        _ = try await engine.create(CreateRequest(strategy: "random", space: EngineFixtures.mixedSpace(), sessionId: "same"))
        await #expect(throws: EngineError.sessionExists("same")) {
            _ = try await engine.create(CreateRequest(strategy: "random", space: EngineFixtures.mixedSpace(), sessionId: "same"))
        }
    }
}
