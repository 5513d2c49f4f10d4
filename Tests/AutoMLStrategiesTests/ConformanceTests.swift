import AutoMLEngine
import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies
import Foundation
import Testing

/// The conformance suite: every registered strategy, through the same session path users take.
///
/// A strategy added to `StrategyRegistry.all` runs here with no further code. It must: hand out
/// valid configs for every parameter type and for conditional spaces; answer `count > 1` with
/// distinct pending trials; be deterministic in its seed; continue identically after a replay;
/// survive failed, pruned and abandoned trials; and serve several objectives when it says so.
@Suite struct ConformanceTests {
    static let names = StrategyRegistry.all.map { $0.name }

    static let space: JSON = [
        "params": [
            ["name": "x", "type": "float", "low": -5.0, "high": 10.0],
            ["name": "lr", "type": "float", "low": 1e-4, "high": 1.0, "log": true],
            ["name": "q", "type": "float", "low": 0.0, "high": 1.0, "step": 0.25],
            ["name": "n", "type": "int", "low": 1, "high": 9],
            ["name": "units", "type": "int", "low": 8, "high": 512, "log": true],
            ["name": "even", "type": "int", "low": 0, "high": 10, "step": 2],
            ["name": "kind", "type": "categorical", "choices": ["a", "b", "c"]],
            ["name": "flag", "type": "categorical", "choices": [true, false]],
            ["name": "size", "type": "ordinal", "values": ["s", "m", "l"]],
            ["name": "only_b", "type": "float", "low": 0.0, "high": 1.0, "when": ["kind": ["b"]]],
            ["name": "nested", "type": "int", "low": 0, "high": 3, "when": ["only_b": [0.0, 0.25, 0.5, 0.75, 1.0]]],
            ["name": "only_ac", "type": "categorical", "choices": [1, 2], "when": ["kind": ["a", "c"]]],
        ]
    ]

    /// Options that make each strategy finish its work quickly in a debug build.
    static func options(_ name: String) -> JSON? {
        switch name {
        case "grid": return ["resolution": 3]
        case "gp": return ["candidates": 64, "seedCount": 1, "fitRestarts": 0, "refitFraction": 0.5]
        case "hyperband-bo": return ["candidates": 64, "fitRestarts": 0, "minPoints": 4]
        case "fabolas": return ["initialConfigurations": 4, "initialSizes": 2, "candidates": 16, "minimumSamples": 2, "fitRestarts": 0, "gridSize": 4, "incumbentInterval": 3]
        case "nas-reinforce", "nas-ppo": return ["hiddenSize": 8, "space": ["kind": "nasnet", "blocks": 2]]
        case "mnasnet": return ["hiddenSize": 8, "targetLatencyMs": 1.0, "space": ["kind": "mnasnet", "blocks": 2]]
        case "nsga2": return ["populationSize": 8]
        case "jasqnet": return ["populationSize": 8, "space": ["kind": "quantized", "base": ["kind": "nasnet", "blocks": 1, "channels": 4]]]
        default: return nil
        }
    }

    static func objective(_ config: JSONObject) -> Double {
        let x = config["x"]?.doubleValue ?? 0
        let n = config["n"]?.doubleValue ?? 0
        return (x - 1) * (x - 1) + n
    }

    /// The objectives a strategy is tested with: one minimized value, except for strategies whose
    /// reward is defined on named objectives (MnasNet: an accuracy and a latency).
    static func objectives(_ name: String) -> [Objective] {
        name == "mnasnet" ? severalObjectives(name) : Objective.defaultList
    }

    /// Two objectives for the multi-objective test.
    static func severalObjectives(_ name: String) -> [Objective] {
        name == "mnasnet"
            ? [Objective(name: "validationAccuracy", goal: .maximize), Objective(name: "latencyMs", goal: .minimize)]
            : [Objective(name: "loss", goal: .minimize), Objective(name: "score", goal: .maximize)]
    }

    /// What an evaluator tells for `config` under `objectives`: the loss alone, or the loss
    /// read as an accuracy in (0, 1] with a latency that grows with it, or (loss, -loss²).
    static func values(_ config: JSONObject, objectives: [Objective]) -> [Double] {
        let loss = objective(config)
        guard objectives.count == 2 else { return [loss] }
        if objectives[0].goal == .maximize { return [1 / (1 + loss), 1 + loss] }
        return [loss, -loss * loss]
    }

    static func makeSession(_ name: String, engine: Engine, seed: UInt64, objectives: [Objective]? = nil, id: String? = nil) async throws -> Session {
        try await engine.create(
            CreateRequest(
                strategy: name, options: options(name), space: SearchSpace(json: space, path: "space"),
                objectives: objectives ?? Self.objectives(name), seed: seed, sessionId: id))
    }

    /// Runs rounds of `ask(count)` then tells every trial; returns the configs in order.
    static func drive(_ session: Session, rounds: Int, count: Int = 1) async throws -> [JSONObject] {
        var configs: [JSONObject] = []
        for _ in 0..<rounds {
            let reply = try await session.ask(count: count, clientId: nil)
            for trial in reply.trials {
                configs.append(trial.config)
                let values = values(trial.config, objectives: session.spec.objectives)
                _ = try await session.tell(trialId: trial.id, state: .complete, values: values, budget: nil, cost: nil)
            }
        }
        return configs
    }

    @Test(arguments: names)
    func handsOutValidConfigsForEveryParameterType(_ name: String) async throws {
        let session = try await Self.makeSession(name, engine: Engine(dataDir: nil), seed: 1)
        let space = try SearchSpace(json: Self.space, path: "space")
        let configs = try await Self.drive(session, rounds: 40)
        #expect(configs.count == 40)
        for config in configs {
            let checked = try space.validate(.object(config), path: "config")
            #expect(checked == config)
        }
        // Conditional parameters appear exactly when their parents allow them.
        #expect(configs.contains { $0["only_b"] != nil })
        #expect(configs.contains { $0["only_ac"] != nil })
    }

    @Test(arguments: names)
    func answersSeveralAtOnceWithDistinctPendingTrials(_ name: String) async throws {
        let session = try await Self.makeSession(name, engine: Engine(dataDir: nil), seed: 2)
        let reply = try await session.ask(count: 8, clientId: nil)
        #expect(reply.trials.count == 8)
        #expect(Set(reply.trials.map(\.config)).count == 8)
        #expect(reply.trials.allSatisfy { $0.state == .pending })
        let again = try await session.ask(count: 8, clientId: nil)
        #expect(Set((reply.trials + again.trials).map(\.config)).count == 16)
    }

    @Test(arguments: names)
    func sameSeedAndEventsGiveSameSuggestions(_ name: String) async throws {
        let a = try await Self.drive(Self.makeSession(name, engine: Engine(dataDir: nil), seed: 7), rounds: 15, count: 2)
        let b = try await Self.drive(Self.makeSession(name, engine: Engine(dataDir: nil), seed: 7), rounds: 15, count: 2)
        #expect(a == b)
    }

    @Test(arguments: names)
    func replayContinuesExactlyAsAnUninterruptedRun(_ name: String) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("automl-conformance-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let expected = try await Self.drive(Self.makeSession(name, engine: Engine(dataDir: nil), seed: 9), rounds: 20)
        let first = Engine(dataDir: directory, durability: .none)
        let stored = try await Self.makeSession(name, engine: first, seed: 9, id: "c")
        let before = try await Self.drive(stored, rounds: 8)
        await first.shutdown()
        let reopened = try await Engine(dataDir: directory, durability: .none).session("c")
        let after = try await Self.drive(reopened, rounds: 12)
        #expect(before + after == expected)
    }

    @Test(arguments: names)
    func survivesFailedPrunedAndAbandonedTrials(_ name: String) async throws {
        let session = try await Self.makeSession(name, engine: Engine(dataDir: nil), seed: 4)
        for round in 0..<12 {
            let trials = try await session.ask(count: 3, clientId: nil).trials
            #expect(trials.count == 3)
            for (index, trial) in trials.enumerated() {
                switch (round + index) % 4 {
                case 0: _ = try await session.tell(trialId: trial.id, state: .failed, values: nil, budget: nil, cost: nil)
                case 1: _ = try await session.tell(trialId: trial.id, state: .pruned, values: nil, budget: nil, cost: nil)
                case 2: _ = try await session.abandon(trialId: trial.id)
                default:
                    let values = Self.values(trial.config, objectives: Self.objectives(name))
                    _ = try await session.tell(trialId: trial.id, state: .complete, values: values, budget: nil, cost: nil)
                }
            }
        }
        #expect(await session.best().count == 1)
    }

    @Test(arguments: StrategyRegistry.all.filter { $0.capabilities.multiObjective }.map { $0.name })
    func servesSeveralObjectivesWhenItSaysSo(_ name: String) async throws {
        let objectives = Self.severalObjectives(name)
        let session = try await Self.makeSession(name, engine: Engine(dataDir: nil), seed: 5, objectives: objectives)
        for _ in 0..<10 {
            for trial in try await session.ask(count: 2, clientId: nil).trials {
                let values = Self.values(trial.config, objectives: objectives)
                _ = try await session.tell(trialId: trial.id, state: .complete, values: values, budget: nil, cost: nil)
            }
        }
        let front = await session.best()
        #expect(!front.isEmpty)
        for a in front {
            for b in front where a.id != b.id {
                #expect(!objectives.dominates(b.values ?? [], a.values ?? []))
            }
        }
    }

    @Test(arguments: names)
    func isListedWithAnOptionsSchema(_ name: String) throws {
        let type = try #require(StrategyRegistry.named(name))
        let entry = StrategyRegistry.describe(type)
        #expect(entry["name"] == .string(name))
        #expect(entry["options"]?["type"] == "object")
        #expect((entry["description"]?.stringValue ?? "").isEmpty == false)
    }
}
