import AutoMLEngine
import AutoMLJSON
import AutoMLRPC
import AutoMLServer
import Foundation
import Testing

/// The methods of `automl serve`, called in-process as `automl call` does.
@Suite struct ServerMethodTests {
    let context = ServerContext(engine: Engine(dataDir: nil))

    func call(_ method: String, _ params: JSON? = nil) async throws(RPCError) -> JSON {
        try await ServerMethods.registry.call(method, params: params, context: context)
    }

    func expectError(_ method: String, _ params: JSON, code: Int, path: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async {
        do {
            _ = try await call(method, params)
            Issue.record("\(method) succeeded; expected error \(code)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            if let path { #expect(error.data?["path"] == .string(path), "\(error)", sourceLocation: sourceLocation) }
        }
    }

    static let space: JSON = ["params": [["name": "x", "type": "float", "low": 0.0, "high": 1.0], ["name": "k", "type": "categorical", "choices": ["a", "b"]]]]

    func createSession(id: String = "s", strategy: JSON = "random", objectives: JSON? = nil) async throws -> String {
        var params: JSONObject = ["strategy": strategy, "space": Self.space, "seed": 1, "sessionId": .string(id)]
        if let objectives { params["objectives"] = objectives }
        return try await call("session/create", .object(params))["sessionId"]?.stringValue ?? ""
    }

    @Test func askTellBestRoundTrip() async throws {
        let id = try await createSession()
        let trials = try await call("session/ask", ["sessionId": .string(id), "count": 3])["trials"]?.arrayValue ?? []
        #expect(trials.count == 3)
        for (index, trial) in trials.enumerated() {
            _ = try await call("session/tell", ["sessionId": .string(id), "trialId": trial["trialId"]!, "value": .double(Double(index))])
        }
        let best = try await call("session/best", ["sessionId": .string(id)])
        #expect(best["best"]?["trialId"] == trials[0]["trialId"])
        let status = try await call("session/status", ["sessionId": .string(id)])
        #expect(status["counts"]?["complete"] == 3)
    }

    @Test func badInputNamesTheOffendingFieldAndChangesNothing() async throws {
        let id = try await createSession()
        let trial = try await call("session/ask", ["sessionId": .string(id)])["trials"]?[0]
        let trialId = try #require(trial?["trialId"])
        let before = try await call("session/status", ["sessionId": .string(id)])

        await expectError("session/tell", ["sessionId": .string(id), "trialId": trialId, "value": "NaN"], code: -32602, path: "params.value")
        await expectError("session/tell", ["sessionId": .string(id), "trialId": trialId, "values": [1.0, 2.0]], code: -32602, path: "params.values")
        await expectError("session/tell", ["sessionId": .string(id), "trialId": trialId], code: -32602, path: "params.value")
        await expectError("session/tell", ["sessionId": .string(id), "trialId": trialId, "value": 1, "state": "done"], code: -32602, path: "params.state")
        await expectError("session/tell", ["sessionId": .string(id), "trialId": trialId, "value": 1, "metrics": [1, 2]], code: -32602, path: "params.metrics")
        await expectError("session/tell", ["sessionId": .string(id), "trialId": 99, "value": 1], code: 1001)
        await expectError("session/tell", ["sessionId": "nope", "trialId": trialId, "value": 1], code: 1000)
        await expectError("session/ask", ["sessionId": .string(id), "count": 0], code: -32602, path: "params.count")
        await expectError("session/ask", ["count": 1], code: -32602, path: "params.sessionId")
        await expectError("session/enqueue", ["sessionId": .string(id), "config": ["x": 2.0, "k": "a"]], code: -32602, path: "params.config.x")
        await expectError("session/trials", ["sessionId": .string(id), "state": "bogus"], code: -32602, path: "params.state")
        await expectError("trial/report", ["sessionId": .string(id), "trialId": trialId, "step": 1, "value": .null], code: -32602, path: "params.value")

        let after = try await call("session/status", ["sessionId": .string(id)])
        #expect(before == after)
        // The trial is still pending and can be told; its metrics come back with it and in the history.
        let told = try await call("session/tell", ["sessionId": .string(id), "trialId": trialId, "value": 0.5,
                                                   "metrics": ["testAccuracy": 0.9, "note": "first"]])
        #expect(told["trial"]?["metrics"] == ["testAccuracy": 0.9, "note": "first"])
        let history = try await call("session/trials", ["sessionId": .string(id)])
        #expect(history["trials"]?[0]?["metrics"]?["testAccuracy"] == 0.9)
    }

    @Test func createRejectsBadSpacesStrategiesAndObjectives() async throws {
        await expectError("session/create", ["strategy": "random", "space": ["params": [["name": "x", "type": "float", "low": 2.0, "high": 1.0]]]],
                          code: -32602, path: "params.space.params[0].low")
        await expectError("session/create", ["strategy": "no-such", "space": Self.space], code: 1005)
        await expectError("session/create", ["strategy": ["name": "grid", "options": ["resolution": 0]], "space": Self.space],
                          code: -32602, path: "params.strategy.options.resolution")
        await expectError("session/create", ["strategy": "random", "space": Self.space, "objectives": []], code: -32602, path: "params.objectives")
        await expectError("session/create", ["strategy": "random", "space": Self.space, "objectives": [["name": "a", "goal": "up"]]],
                          code: -32602, path: "params.objectives[0].goal")
        await expectError("session/create", ["strategy": "random", "space": Self.space, "seed": -1], code: -32602, path: "params.seed")
        await expectError("session/create", ["strategy": "random", "space": Self.space, "sessionId": "../etc"], code: -32602, path: "params.sessionId")
    }

    @Test func warmStartEnqueueAndTrialPaging() async throws {
        let id = try await createSession()
        let warm = try await call("session/tell", ["sessionId": .string(id), "config": ["x": 0.25, "k": "b"], "value": 3])
        #expect(warm["trial"]?["state"] == "complete")
        let queued = try await call("session/enqueue", ["sessionId": .string(id), "config": ["x": 0.5, "k": "a"]])
        let asked = try await call("session/ask", ["sessionId": .string(id)])["trials"]?[0]
        #expect(asked?["trialId"] == queued["trialId"])
        #expect(asked?["config"] == ["x": 0.5, "k": "a"])
        let page = try await call("session/trials", ["sessionId": .string(id), "offset": 1, "limit": 1])
        #expect(page["total"] == 2)
        #expect(page["trials"]?.arrayValue?.count == 1)
        let complete = try await call("session/trials", ["sessionId": .string(id), "state": "complete"])
        #expect(complete["total"] == 1)
    }

    @Test func severalObjectivesReturnAParetoSet() async throws {
        let id = try await createSession(objectives: [["name": "loss", "goal": "minimize"], ["name": "acc", "goal": "maximize"]])
        let trials = try await call("session/ask", ["sessionId": .string(id), "count": 3])["trials"]?.arrayValue ?? []
        let values: [JSON] = [[1.0, 0.5], [2.0, 0.9], [3.0, 0.4]]
        for (trial, value) in zip(trials, values) {
            _ = try await call("session/tell", ["sessionId": .string(id), "trialId": trial["trialId"]!, "values": value])
        }
        let best = try await call("session/best", ["sessionId": .string(id)])
        #expect(best["best"] == .null)
        #expect(best["trials"]?.arrayValue?.compactMap { $0["trialId"] } == [trials[0]["trialId"]!, trials[1]["trialId"]!])
    }

    @Test func strategyListDescribesEveryStrategy() async throws {
        let list = try await call("strategy/list")
        let names = list.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names.contains("random") && names.contains("grid") && names.contains("sobol"))
    }
}

@Suite struct StrictParamsTests {
    let context = ServerContext(engine: Engine(dataDir: nil))

    func errorOf(_ method: String, _ params: JSON) async -> RPCError? {
        do {
            _ = try await ServerMethods.registry.call(method, params: params, context: context)
            return nil
        } catch {
            return error
        }
    }

    @Test func misspeltMembersAreNamedNotIgnored() async throws {
        let space: JSON = ["params": [["name": "x", "type": "float", "low": 0.0, "high": 1.0]]]
        let topLevel = await errorOf("session/create", ["strategy": "grid", "space": space, "optoins": [:]])
        #expect(topLevel?.data?["path"] == "params.optoins")
        #expect(topLevel?.code == -32602)
        let inOptions = await errorOf("session/create", ["strategy": ["name": "grid", "options": ["resolutoin": 3]], "space": space])
        #expect(inOptions?.data?["path"] == "params.strategy.options.resolutoin")
        let inSpace = await errorOf("session/create", ["strategy": "random", "space": ["params": [["name": "x", "type": "float", "low": 0.0, "hihg": 1.0]]]])
        #expect(inSpace?.data?["path"]?.stringValue?.hasPrefix("params.space.params[0]") == true)
    }

    @Test func progressTokensAreAllowedOnAnyRequest() async throws {
        let created = try await ServerMethods.registry.call(
            "session/create",
            params: ["strategy": "random", "space": ["params": [["name": "x", "type": "int", "low": 0, "high": 3]]], "workDoneToken": "t"],
            context: context)
        #expect(created["sessionId"] != nil)
    }
}
