import AutoMLEngine
import AutoMLJSON
import AutoMLRPC
import AutoMLServer
import Foundation
import Testing

/// `session/run`: params checked field by field, progress per trial, cancellation.
@Suite struct SessionRunMethodTests {
    let context = ServerContext(engine: Engine(dataDir: nil))

    static let space: JSON = ["params": [["name": "learningRate", "type": "float", "low": 0.001, "high": 0.1, "log": true]]]
    /// Digits with a 4-unit hidden layer and one epoch: a trial takes milliseconds.
    static let evaluator: JSON = ["kind": "trainer", "dataset": "digits", "config": ["epochs": 1, "layers": 1, "width": 4]]

    func call(_ method: String, _ params: JSON) async throws(RPCError) -> JSON {
        try await ServerMethods.registry.call(method, params: params, context: context)
    }

    func createSession(_ id: String) async throws {
        _ = try await call("session/create", ["strategy": "random", "space": Self.space, "seed": 1, "sessionId": .string(id)])
    }

    func expectInvalid(_ params: JSON, path: String, sourceLocation: SourceLocation = #_sourceLocation) async {
        do {
            _ = try await call("session/run", params)
            Issue.record("session/run accepted \(params.serialized())", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == -32602, "\(error)", sourceLocation: sourceLocation)
            #expect(error.data?["path"] == .string(path), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func badParamsNameTheFieldAndRunNothing() async throws {
        try await createSession("bad")
        await expectInvalid(["sessionId": "bad"], path: "params.evaluator")
        await expectInvalid(["sessionId": "bad", "evaluator": ["kind": "trainer", "dataset": "nowhere.csv"]], path: "params.evaluator.dataset")
        await expectInvalid(["sessionId": "bad", "evaluator": ["kind": "trainer", "dataset": "digits", "validationFraction": 0]],
                            path: "params.evaluator.validationFraction")
        await expectInvalid(["sessionId": "bad", "evaluator": ["kind": "trainer", "dataset": "digits", "config": ["optimizer": "lion"]]],
                            path: "params.evaluator.config.optimizer")
        await expectInvalid(["sessionId": "bad", "evaluator": ["kind": "trainer", "dataset": "digits", "metric": "testAccuracy"]],
                            path: "params.evaluator.metric")
        await expectInvalid(["sessionId": "bad", "evaluator": Self.evaluator, "maxTrials": 0], path: "params.maxTrials")
        await expectInvalid(["sessionId": "bad", "evaluator": Self.evaluator, "maxSeconds": -1], path: "params.maxSeconds")
        await expectInvalid(["sessionId": "bad", "evaluator": Self.evaluator, "maxTrial": 2], path: "params.maxTrial")
        do {
            _ = try await call("session/run", ["sessionId": "missing", "evaluator": Self.evaluator])
            Issue.record("ran an unknown session")
        } catch {
            #expect(error.code == 1000)
        }
        let status = try await call("session/status", ["sessionId": "bad"])
        #expect(status["total"] == 0)
    }

    @Test func eachToldTrialIsAProgressReport() async throws {
        try await createSession("progress")
        let sent = Notes()
        let request = RequestContext(id: 1, method: SessionRun.name, progress: ProgressReporter(token: "tok") { await sent.append($0) })
        let params = SessionRun.Params(sessionId: "progress", evaluator: Self.evaluator, maxTrials: 2, maxSeconds: nil)
        let result = try await SessionRun.handle(params, context: context, request: request)

        #expect(result["trials"] == 2 && result["complete"] == 2 && result["stopReason"] == "maxTrials")
        #expect(result["best"]?["metrics"]?["testAccuracy"]?.doubleValue != nil)
        let values = await sent.items.compactMap { $0["params"]?["value"] }
        #expect(values.map { $0["kind"] } == ["report", "report"])
        #expect(values.map { $0["percentage"] } == [50, 100])
        #expect(values.first?["message"]?.stringValue?.hasPrefix("trial 1/2 complete") == true)
        #expect(await sent.items.allSatisfy { $0["params"]?["token"] == "tok" })
    }

    @Test func cancellationStopsTheRunAndKeepsWhatWasTold() async throws {
        try await createSession("cancel")
        _ = try await call("session/run", ["sessionId": "cancel", "evaluator": Self.evaluator, "maxTrials": 1])
        let long: JSON = ["kind": "trainer", "dataset": "digits", "config": ["epochs": 100_000, "layers": 1, "width": 4]]
        let params = SessionRun.Params(sessionId: "cancel", evaluator: long, maxTrials: 3, maxSeconds: nil)
        let context = self.context
        let task = Task {
            try await SessionRun.handle(params, context: context, request: RequestContext(id: 2, method: SessionRun.name, progress: .none))
        }
        while try await call("session/status", ["sessionId": "cancel"])["total"] != 2 {
            try await Task.sleep(for: .milliseconds(20))
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        let counts = try await call("session/status", ["sessionId": "cancel"])["counts"]
        #expect(counts?["complete"] == 1 && counts?["abandoned"] == 1 && counts?["pending"] == 0)
    }
}

/// Notifications a progress reporter sent.
actor Notes {
    var items: [JSON] = []

    func append(_ note: JSON) { items.append(note) }
}
