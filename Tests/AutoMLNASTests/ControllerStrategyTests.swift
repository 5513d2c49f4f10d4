import AutoMLEngine
import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import AutoMLStrategies
import Foundation
import Testing
@testable import AutoMLNAS

/// The three controller strategies through the session path clients take.
@Suite struct ControllerStrategyTests {
    static let accuracyAndLatency = [Objective(name: "validationAccuracy", goal: .maximize), Objective(name: "latencyMs", goal: .minimize)]
    static let small: JSON = ["blocks": 2, "batchSize": 2]

    static func session(_ name: String, options: JSON?, objectives: [Objective] = Objective.defaultList, seed: UInt64 = 3,
                        engine: Engine = Engine(dataDir: nil), id: String? = nil) async throws -> Session {
        try await engine.create(CreateRequest(strategy: name, options: options, space: try toySessionSpace(), objectives: objectives,
                                              seed: seed, sessionId: id))
    }

    static func options(_ kind: String, _ extra: JSONObject = [:]) -> JSON {
        var object: JSONObject = ["space": ["kind": .string(kind), "blocks": 2], "batchSize": 2, "hiddenSize": 8]
        for (key, value) in extra { object[key] = value }
        return .object(object)
    }

    /// Asks `rounds` times `count` trials and tells each a value made from its decisions;
    /// returns the decision vectors handed out.
    static func drive(_ session: Session, rounds: Int, count: Int = 1) async throws -> [[Int]] {
        var handed: [[Int]] = []
        for _ in 0..<rounds {
            for trial in try await session.ask(count: count, clientId: nil).trials {
                let decisions = try #require(Architecture.decisions(in: trial.architecture))
                #expect(trial.config["lr"] != nil)
                handed.append(decisions)
                let score = Double(decisions.reduce(0, +) % 7) / 7
                _ = try await session.tell(trialId: trial.id, state: .complete, values: [1 - score], budget: nil, cost: nil)
            }
        }
        return handed
    }

    @Test(arguments: ["nas-reinforce", "nas-ppo"])
    func sameSeedGivesSameArchitecturesAndReplayContinuesIdentically(_ name: String) async throws {
        let options = Self.options("nasnet")
        let expected = try await Self.drive(Self.session(name, options: options), rounds: 10)
        let again = try await Self.drive(Self.session(name, options: options), rounds: 10)
        #expect(expected == again)
        let other = try await Self.drive(Self.session(name, options: options, seed: 4), rounds: 10)
        #expect(expected != other)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("automl-nasrl-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = Engine(dataDir: directory, durability: .none)
        let before = try await Self.drive(Self.session(name, options: options, engine: first, id: "r"), rounds: 4)
        await first.shutdown()
        let reopened = try await Engine(dataDir: directory, durability: .none).session("r")
        let after = try await Self.drive(reopened, rounds: 6)
        #expect(before + after == expected)
    }

    /// mnasnet driven as a session drives a strategy (it is not in the registry's conformance
    /// run, which uses one objective): the same seed and events give the same architectures.
    @Test func mnasnetIsDeterministicInItsSeedAndEvents() throws {
        let options = Self.options("mnasnet", ["targetLatencyMs": 1.0])
        func run(seed: UInt64) throws -> [[Int]] {
            var strategy = try MnasNetSearch.make(options: options, space: try toySessionSpace(), objectives: Self.accuracyAndLatency,
                                                  path: "params.strategy.options")
            var rng = SeededGenerator(seed: seed)
            var trials: [TrialRecord] = []
            for _ in 0..<10 {
                var context = StrategyContext(rng: rng, trials: trials, space: try toySessionSpace(), objectives: Self.accuracyAndLatency)
                let suggestion = try #require(try strategy.ask(1, context: &context).suggestions.first)
                let decisions = try #require(Architecture.decisions(in: suggestion.architecture))
                let trial = TrialRecord(id: trials.count, state: .complete, config: suggestion.config, architecture: suggestion.architecture,
                                        values: [Double(decisions.reduce(0, +) % 7) / 7, 0.5 + Double(decisions[0])])
                trials.append(trial)
                strategy.tell(trial, context: &context)
                rng = context.rng
            }
            let state = strategy.status(context: StrategyContext(rng: rng, trials: trials, space: try toySessionSpace(), objectives: Self.accuracyAndLatency))
            #expect(state["updates"] == 20)  // 5 batches of 2, 4 PPO epochs each
            #expect(state["space"]?["kind"] == "mnasnet")
            return trials.compactMap { Architecture.decisions(in: $0.architecture) }
        }
        let first = try run(seed: 5)
        #expect(try run(seed: 5) == first)
        #expect(try run(seed: 6) != first)
    }

    @Test func statusReportsControllerUpdates() async throws {
        let session = try await Self.session("nas-ppo", options: Self.options("nasnet", ["epochs": 2]))
        _ = try await Self.drive(session, rounds: 4)
        let status = await session.status()
        let state = try #require(status["strategy"]?["state"])
        // Two batches of two rewards, two PPO epochs each.
        #expect(state["updates"] == 4)
        #expect(state["rewards"] == 4)
        #expect(state["pendingBatch"] == 0)
    }

    @Test func mnasnetRefusesSessionsWithoutAccuracyThenLatency() async throws {
        let options = Self.options("mnasnet", ["targetLatencyMs": 1.0])
        for objectives in [Objective.defaultList, [Objective(name: "latencyMs", goal: .minimize), Objective(name: "validationAccuracy", goal: .maximize)]] {
            #expect {
                _ = try MnasNetSearch.make(options: options, space: try toySessionSpace(), objectives: objectives, path: "params.strategy.options")
            } throws: { error in
                guard case StrategyError.cannotServe(let strategy, let reason) = error else { return false }
                return strategy == "mnasnet" && reason.contains("accuracy to maximize") && reason.contains("latency in milliseconds to minimize")
            }
        }
        #expect {
            _ = try MnasNetSearch.make(options: Self.options("mnasnet"), space: try toySessionSpace(), objectives: Self.accuracyAndLatency,
                                       path: "params.strategy.options")
        } throws: { error in
            (error as? JSONFieldError)?.path == "params.strategy.options.targetLatencyMs"
        }
    }

    @Test func badOptionsAndSpacesNameTheirField() async throws {
        let cases: [(String, JSON, String)] = [
            ("nas-ppo", Self.options("nasnet", ["clipEpsilon": 1.5]), "params.strategy.options.clipEpsilon"),
            ("nas-reinforce", Self.options("nasnet", ["reward": "speed"]), "params.strategy.options.reward"),
            ("nas-reinforce", ["space": ["kind": "nope"]], "params.strategy.options.space.kind"),
            ("nas-reinforce", ["hiddenSize": 0], "params.strategy.options.hiddenSize"),
            ("nas-reinforce", Self.options("nasnet", ["epochs": 2]), "params.strategy.options.epochs"),
            ("nas-ppo", Self.options("nasnet", ["targetLatencyMs": 1]), "params.strategy.options.targetLatencyMs"),
            ("nas-ppo", Self.options("nasnet", ["bogus": 1]), "params.strategy.options.bogus"),
        ]
        for (name, options, path) in cases {
            await #expect {
                _ = try await Self.session(name, options: options)
            } throws: { error in
                (error as? JSONFieldError)?.path == path
            }
        }
    }
}
