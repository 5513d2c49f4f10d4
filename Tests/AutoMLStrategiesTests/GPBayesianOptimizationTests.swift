import AutoMLEngine
import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
@testable import AutoMLStrategies
import Foundation
import Testing

/// The GP strategy through real sessions: known minima, batches, goals, acquisitions, cost and
/// options. Candidate counts are kept small so the debug build stays quick.
@Suite struct GPBayesianOptimizationTests {
    static let line: JSON = ["params": [["name": "x", "type": "float", "low": -5.0, "high": 5.0]]]
    static let plane: JSON = [
        "params": [["name": "x", "type": "float", "low": 0.0, "high": 1.0], ["name": "y", "type": "float", "low": 0.0, "high": 1.0]]
    ]

    static func session(_ space: JSON, options: JSON? = ["candidates": 256], objectives: [Objective] = Objective.defaultList, seed: UInt64 = 0) async throws -> Session {
        try await Engine(dataDir: nil).create(
            CreateRequest(strategy: "gp", options: options, space: SearchSpace(json: space, path: "space"), objectives: objectives, seed: seed))
    }

    /// Runs `trials` sequential trials; returns every config and value in order.
    static func run(_ session: Session, trials: Int, cost: (JSONObject) -> Double? = { _ in nil }, objective: (JSONObject) -> Double) async throws -> [(JSONObject, Double)] {
        var history: [(JSONObject, Double)] = []
        for _ in 0..<trials {
            for trial in try await session.ask(count: 1, clientId: nil).trials {
                let value = objective(trial.config)
                _ = try await session.tell(trialId: trial.id, state: .complete, values: [value], budget: nil, cost: cost(trial.config))
                history.append((trial.config, value))
            }
        }
        return history
    }

    static func x(_ config: JSONObject) -> Double { config["x"]?.doubleValue ?? .nan }

    @Test func findsTheOneDimensionalQuadraticsMinimum() async throws {
        let history = try await Self.run(Self.session(Self.line, seed: 3), trials: 22) { (Self.x($0) - 1.3) * (Self.x($0) - 1.3) }
        let best = try #require(history.min { $0.1 < $1.1 })
        #expect(abs(Self.x(best.0) - 1.3) < 1e-2)
    }

    @Test func maximizesWhenTheGoalSaysSo() async throws {
        let session = try await Self.session(Self.line, objectives: [Objective(name: "score", goal: .maximize)], seed: 4)
        let history = try await Self.run(session, trials: 22) { -(Self.x($0) + 2) * (Self.x($0) + 2) }
        let best = try #require(history.max { $0.1 < $1.1 })
        #expect(abs(Self.x(best.0) + 2) < 1e-2)
    }

    @Test(arguments: ["ei", "pi", "ucb", "mes"])
    func everyAcquisitionFindsTheQuadratic(_ acquisition: String) async throws {
        let session = try await Self.session(Self.line, options: ["acquisition": .string(acquisition), "candidates": 128], seed: 5)
        let history = try await Self.run(session, trials: 20) { (Self.x($0) - 1.3) * (Self.x($0) - 1.3) }
        let best = try #require(history.min { $0.1 < $1.1 })
        #expect(abs(Self.x(best.0) - 1.3) < 0.05)
    }

    @Test func sliceSampledHyperparametersFindTheQuadratic() async throws {
        let options: JSON = ["hyperparameters": "slice", "sampleCount": 3, "candidates": 128]
        let history = try await Self.run(Self.session(Self.line, options: options, seed: 6), trials: 18) { (Self.x($0) - 1.3) * (Self.x($0) - 1.3) }
        let best = try #require(history.min { $0.1 < $1.1 })
        #expect(abs(Self.x(best.0) - 1.3) < 0.05)
    }

    @Test func eightPendingAsksAreDistinctAndSpreadOut() async throws {
        let session = try await Self.session(Self.plane, seed: 7)
        // Several basins of similar depth: a batch has good places to spread to.
        let bumps = { (c: JSONObject) -> Double in
            let x = c["x"]?.doubleValue ?? 0, y = c["y"]?.doubleValue ?? 0
            return sin(9 * x) * sin(7 * y) + 0.1 * x
        }
        _ = try await Self.run(session, trials: 12, objective: bumps)
        let batch = try await session.ask(count: 8, clientId: nil).trials
        #expect(batch.count == 8)
        #expect(Set(batch.map(\.config)).count == 8)
        #expect(batch.allSatisfy { $0.state == .pending })
        // Kriging believers push each suggestion away from the previous ones.
        let points = batch.map { [$0.config["x"]?.doubleValue ?? 0, $0.config["y"]?.doubleValue ?? 0] }
        var closest = Double.infinity
        for i in points.indices {
            for j in points.indices where j > i {
                closest = min(closest, ((points[i][0] - points[j][0]) * (points[i][0] - points[j][0]) + (points[i][1] - points[j][1]) * (points[i][1] - points[j][1])).squareRoot())
            }
        }
        #expect(closest > 0.02)
        // Pending trials from that batch also repel the next ask.
        let next = try await session.ask(count: 8, clientId: nil).trials
        #expect(Set((batch + next).map(\.config)).count == 16)
    }

    @Test func handlesIntegersCategoricalsAndConditionsInTheModelPhase() async throws {
        let space: JSON = [
            "params": [
                ["name": "kind", "type": "categorical", "choices": ["a", "b", "c"]],
                ["name": "n", "type": "int", "low": 1, "high": 40],
                ["name": "x", "type": "float", "low": 0.0, "high": 1.0, "when": ["kind": ["b"]]],
            ]
        ]
        let objective = { (c: JSONObject) -> Double in
            let n = c["n"]?.doubleValue ?? 0
            let penalty = c["kind"] == "b" ? 0.0 : 1.0
            let x = c["x"]?.doubleValue ?? 0.5
            return penalty + (n - 17) * (n - 17) / 400 + (x - 0.25) * (x - 0.25)
        }
        let history = try await Self.run(Self.session(space, seed: 8), trials: 30, objective: objective)
        let parsed = try SearchSpace(json: space, path: "space")
        for (config, _) in history { _ = try parsed.validate(.object(config), path: "config") }
        let best = try #require(history.min { $0.1 < $1.1 })
        #expect(best.0["kind"] == "b")
        #expect(abs((best.0["n"]?.doubleValue ?? 0) - 17) <= 2)
        #expect(abs((best.0["x"]?.doubleValue ?? 0) - 0.25) < 0.1)
    }

    @Test func costAwareSearchPrefersTheCheapHalf() async throws {
        // Two equally good valleys; the right half costs 50 times more.
        let twin = { (c: JSONObject) -> Double in
            let x = c["x"]?.doubleValue ?? 0
            return min((x - 0.2) * (x - 0.2), (x - 0.8) * (x - 0.8))
        }
        let space: JSON = ["params": [["name": "x", "type": "float", "low": 0.0, "high": 1.0]]]
        let session = try await Self.session(space, options: ["costAware": true, "candidates": 128], seed: 9)
        let history = try await Self.run(session, trials: 30, cost: { ($0["x"]?.doubleValue ?? 0) < 0.5 ? 1 : 50 }, objective: twin)
        let modelPhase = history.dropFirst(10)
        let cheap = modelPhase.filter { Self.x($0.0) < 0.5 }.count
        #expect(cheap >= modelPhase.count * 3 / 4)
    }

    @Test func failedTrialsAreIgnoredAndNotSuggestedAgain() async throws {
        let session = try await Self.session(Self.line, seed: 10)
        var seen: [JSONObject] = []
        for round in 0..<16 {
            for trial in try await session.ask(count: 1, clientId: nil).trials {
                #expect(!seen.contains(trial.config))
                seen.append(trial.config)
                if round % 3 == 0 {
                    _ = try await session.tell(trialId: trial.id, state: .failed, values: nil, budget: nil, cost: nil)
                } else {
                    _ = try await session.tell(trialId: trial.id, state: .complete, values: [Self.x(trial.config) * Self.x(trial.config)], budget: nil, cost: nil)
                }
            }
        }
        let state = await session.status()["strategy"]?["state"]
        #expect(state?["lengthscales"] != nil)
    }

    @Test func replayRebuildsTheCachedModelExactly() async throws {
        // refitFraction 0.5: most asks keep the fitted hyper-parameters and grow the cached factor,
        // so a replay must rebuild that cache event by event to continue identically.
        let options: JSON = ["candidates": 64, "seedCount": 2, "refitFraction": 0.5, "startupTrials": 4]
        let bumps = { (c: JSONObject) -> Double in
            let x = c["x"]?.doubleValue ?? 0, y = c["y"]?.doubleValue ?? 0
            return sin(9 * x) * sin(7 * y) + 0.1 * x
        }
        /// Rounds alternate between one and two trials per ask (believers on top of the cache).
        func drive(_ session: Session, rounds: Range<Int>) async throws -> [JSONObject] {
            var configs: [JSONObject] = []
            for round in rounds {
                for trial in try await session.ask(count: 1 + round % 2, clientId: nil).trials {
                    configs.append(trial.config)
                    _ = try await session.tell(trialId: trial.id, state: .complete, values: [bumps(trial.config)], budget: nil, cost: nil)
                }
            }
            return configs
        }
        let space = try SearchSpace(json: Self.plane, path: "space")
        let request = CreateRequest(strategy: "gp", options: options, space: space, seed: 12, sessionId: "replayed")
        let expected = try await drive(Engine(dataDir: nil).create(request), rounds: 0..<16)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("automl-gp-replay-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = Engine(dataDir: directory, durability: .none)
        let before = try await drive(first.create(request), rounds: 0..<7)
        await first.shutdown()
        let reopened = try await Engine(dataDir: directory, durability: .none).session("replayed")
        let after = try await drive(reopened, rounds: 7..<16)
        #expect(expected.count == 24)
        #expect(before + after == expected)
    }

    @Test func infiniteValuesAreClippedNotFatal() async throws {
        let session = try await Self.session(Self.line, seed: 11)
        let history = try await Self.run(session, trials: 16) { Self.x($0) > 3 ? .infinity : (Self.x($0) - 1) * (Self.x($0) - 1) }
        #expect(history.count == 16)
    }

    /// Per option, a bad value for it.
    static let badOptions: [String: JSON] = [
        "acquisition": ["acquisition": "best"],
        "ucbBeta": ["ucbBeta": -1.0],
        "candidates": ["candidates": 0],
        "hyperparameters": ["hyperparameters": "mcmc"],
        "startup": ["startup": "lhs"],
        "costAware": ["costAware": true, "acquisition": "ucb"],
        "sampleCount": ["sampleCount": 0],
        "warping": ["warping": "log"],
        "seedCount": ["seedCount": -1],
        "refitFraction": ["refitFraction": 1.5],
    ]

    @Test(arguments: badOptions.keys.sorted())
    func badOptionsNameTheirPath(_ name: String) throws {
        let options = Self.badOptions[name] ?? .null
        let path = "params.strategy.options.\(name)"
        let space = try SearchSpace(json: Self.line, path: "space")
        do {
            _ = try StrategyRegistry.make(name: "gp", options: options, space: space, objectives: Objective.defaultList, path: "params.strategy.options")
            Issue.record("options \(options.serialized()) were accepted")
        } catch let error as JSONFieldError {
            #expect(error.path == path)
        }
    }

    @Test func unknownOptionsAreRejected() throws {
        let space = try SearchSpace(json: Self.line, path: "space")
        #expect(throws: JSONFieldError.self) {
            _ = try StrategyRegistry.make(name: "gp", options: ["acquisiton": "ei"], space: space, objectives: Objective.defaultList, path: "params.strategy.options")
        }
    }

    @Test func declinesSeveralObjectives() throws {
        let space = try SearchSpace(json: Self.line, path: "space")
        #expect(throws: StrategyError.self) {
            _ = try StrategyRegistry.make(
                name: "gp", options: nil, space: space, objectives: [Objective(name: "a"), Objective(name: "b")], path: "params.strategy.options")
        }
    }
}
