#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLEngine
import AutoMLJSON
import AutoMLSpace
import Testing

@testable import AutoMLStrategies

/// TPE through the session path users take: options, startup, search quality, constant liar.
@Suite struct TPETests {
    static func session(
        _ strategy: String, space: JSON, seed: UInt64, options: JSON? = nil, objectives: [Objective] = Objective.defaultList
    ) async throws -> Session {
        try await Engine(dataDir: nil).create(
            CreateRequest(strategy: strategy, options: options, space: SearchSpace(json: space, path: "space"), objectives: objectives, seed: seed))
    }

    /// Runs `trials` one at a time; returns every config and value in order.
    static func run(_ session: Session, trials: Int, objective: (JSONObject) -> Double) async throws -> [(JSONObject, Double)] {
        var history: [(JSONObject, Double)] = []
        for _ in 0..<trials {
            for trial in try await session.ask(count: 1, clientId: nil).trials {
                let value = objective(trial.config)
                _ = try await session.tell(trialId: trial.id, state: .complete, values: [value], budget: nil, cost: nil)
                history.append((trial.config, value))
            }
        }
        return history
    }

    static let line: JSON = ["params": [["name": "x", "type": "float", "low": -10.0, "high": 10.0]]]

    static let braninSpace: JSON = [
        "params": [["name": "x1", "type": "float", "low": -5.0, "high": 10.0], ["name": "x2", "type": "float", "low": 0.0, "high": 15.0]]
    ]

    static func branin(_ config: JSONObject) -> Double {
        let x1 = config["x1"]?.doubleValue ?? 0, x2 = config["x2"]?.doubleValue ?? 0
        let b = 5.1 / (4 * Double.pi * Double.pi), c = 5 / Double.pi, t = 1 / (8 * Double.pi)
        let inner = x2 - b * x1 * x1 + c * x1 - 6
        return inner * inner + 10 * (1 - t) * cos(x1) + 10
    }

    @Test func rejectsBadOptionsNamingTheField() throws {
        let space = try SearchSpace(json: Self.line, path: "space")
        let cases: [(JSON, String)] = [
            (["eiCandidates": 0], "params.strategy.options.eiCandidates"),
            (["startupTrials": -1], "params.strategy.options.startupTrials"),
            (["priorWeight": -0.5], "params.strategy.options.priorWeight"),
            (["gamma": 1.5], "params.strategy.options.gamma"),
            (["multivariate": false, "group": true], "params.strategy.options.group"),
        ]
        for (options, path) in cases {
            #expect {
                _ = try TPE.make(options: options, space: space, objectives: Objective.defaultList, path: "params.strategy.options")
            } throws: { error in
                (error as? JSONFieldError)?.path == path
            }
        }
        #expect(throws: (any Error).self) {
            _ = try TPE.make(options: ["candidates": 8], space: space, objectives: Objective.defaultList, path: "params.strategy.options")
        }
        _ = try TPE.make(options: ["multivariate": false], space: space, objectives: Objective.defaultList, path: "params.strategy.options")
    }

    @Test func startupTrialsAreExactlyRandomSearch() async throws {
        let tpe = try await Self.run(Self.session("tpe", space: Self.braninSpace, seed: 21), trials: 10, objective: Self.branin)
        let random = try await Self.run(Self.session("random", space: Self.braninSpace, seed: 21), trials: 10, objective: Self.branin)
        #expect(tpe.map(\.0) == random.map(\.0))
        let next = try await Self.run(Self.session("tpe", space: Self.braninSpace, seed: 21), trials: 11, objective: Self.branin)
        let randomNext = try await Self.run(Self.session("random", space: Self.braninSpace, seed: 21), trials: 11, objective: Self.branin)
        #expect(next[10].0 != randomNext[10].0)
    }

    @Test func findsTheQuadraticsMinimum() async throws {
        let history = try await Self.run(Self.session("tpe", space: Self.line, seed: 0), trials: 60) { config in
            let x = config["x"]?.doubleValue ?? 0
            return (x - 2) * (x - 2)
        }
        let best = history.map(\.1).min() ?? .infinity
        #expect(best < 1e-3)
    }

    @Test func beatsRandomSearchOnBraninAtOneHundredTrials() async throws {
        for seed: UInt64 in [0, 1, 2] {
            let tpe = try await Self.run(Self.session("tpe", space: Self.braninSpace, seed: seed), trials: 100, objective: Self.branin)
            let random = try await Self.run(Self.session("random", space: Self.braninSpace, seed: seed), trials: 100, objective: Self.branin)
            let tpeBest = tpe.map(\.1).min() ?? .infinity, randomBest = random.map(\.1).min() ?? .infinity
            #expect(tpeBest < randomBest, "seed \(seed): tpe \(tpeBest), random \(randomBest)")
            #expect(tpeBest - 0.397887 < 0.1, "seed \(seed): tpe \(tpeBest)")
        }
    }

    /// After 15 trials on an integer line, 8 trials asked at once: the constant liar counts each
    /// suggestion among the bad trials before making the next (and skips candidates that repeat
    /// a pending config), so the 8 differ; without it the model keeps proposing the same few
    /// best values.
    @Test func constantLiarMakesEightPendingAsksDistinct() async throws {
        let space: JSON = ["params": [["name": "n", "type": "int", "low": 0, "high": 40]]]
        func distinctValues(options: JSON?) async throws -> Int {
            let session = try await Self.session("tpe", space: space, seed: 5, options: options)
            _ = try await Self.run(session, trials: 15) { config in
                let n = Double(config["n"]?.intValue ?? 0)
                return (n - 7) * (n - 7)
            }
            let trials = try await session.ask(count: 8, clientId: nil).trials
            #expect(trials.count == 8)
            return Set(trials.map(\.config)).count
        }
        #expect(try await distinctValues(options: nil) == 8)
        #expect(try await distinctValues(options: ["constantLiar": false]) < 8)
    }

    @Test func pendingTrialsFromOtherClientsAreAvoided() async throws {
        let session = try await Self.session("tpe", space: Self.line, seed: 8, options: ["startupTrials": 5])
        _ = try await Self.run(session, trials: 12) { config in abs((config["x"]?.doubleValue ?? 0) - 3) }
        let first = try await session.ask(count: 1, clientId: "a").trials
        let second = try await session.ask(count: 1, clientId: "b").trials
        let x1 = first.first?.config["x"]?.doubleValue ?? 0, x2 = second.first?.config["x"]?.doubleValue ?? 0
        #expect(x1 != x2)
    }

    @Test func multiObjectiveSearchApproachesTheParetoFront() async throws {
        // Schaffer's problem: f1 = x², f2 = (x - 2)²; the Pareto set is x in [0, 2].
        let objectives = [Objective(name: "f1"), Objective(name: "f2")]
        let session = try await Self.session("tpe", space: Self.line, seed: 3, objectives: objectives)
        var inside = 0
        for index in 0..<40 {
            for trial in try await session.ask(count: 1, clientId: nil).trials {
                let x = trial.config["x"]?.doubleValue ?? 0
                if index >= 10 && x >= 0 && x <= 2 { inside += 1 }
                _ = try await session.tell(trialId: trial.id, state: .complete, values: [x * x, (x - 2) * (x - 2)], budget: nil, cost: nil)
            }
        }
        // Random search lands in [0, 2] a tenth of the time: 3 of 30 trials, 8 or more with
        // probability 0.7%. (Optuna's TPESampler lands 7 to 11 times on seeds 0-9.)
        #expect(inside >= 8)
    }

    @Test func statusReportsThePhase() throws {
        let space = try SearchSpace(json: Self.line, path: "space")
        let tpe = try TPE(space: space, objectives: Objective.defaultList, options: .init(startupTrials: 3))
        let context = StrategyContext(rng: .init(seed: 0), trials: [], space: space, objectives: Objective.defaultList)
        #expect(tpe.status(context: context)["phase"] == "startup")
    }
}
