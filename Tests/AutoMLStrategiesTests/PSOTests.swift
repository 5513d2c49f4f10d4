import AutoMLEngine
import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
@testable import AutoMLStrategies
import Testing

/// Particle swarm: the velocity formula on a crafted step, the asynchronous particle
/// bookkeeping, and searches through real sessions.
@Suite struct PSOTests {
    static func session(_ space: JSON, options: JSON? = nil, seed: UInt64 = 0) async throws -> Session {
        try await Engine(dataDir: nil).create(
            CreateRequest(strategy: "pso", options: options, space: SearchSpace(json: space, path: "space"), seed: seed))
    }

    /// Runs `trials` trials one at a time; returns the best config and value.
    static func minimize(_ space: JSON, options: JSON? = nil, seed: UInt64 = 0, trials: Int, objective: (JSONObject) -> Double) async throws
        -> (best: JSONObject, value: Double)
    {
        let session = try await session(space, options: options, seed: seed)
        var best = (JSONObject(), Double.infinity)
        for _ in 0..<trials {
            for trial in try await session.ask(count: 1, clientId: nil).trials {
                let value = objective(trial.config)
                _ = try await session.tell(trialId: trial.id, state: .complete, values: [value], budget: nil, cost: nil)
                if value < best.1 { best = (trial.config, value) }
            }
        }
        return best
    }

    static func floats(_ count: Int) -> JSON {
        ["params": .array((0..<count).map { ["name": .string("x\($0)"), "type": "float", "low": -5.0, "high": 5.0] })]
    }

    @Test func velocityUpdateFollowsInertiaCognitiveAndSocialTerms() {
        let c = Particle.Coefficients(inertia: 0.5, cognitive: 2, social: 1)
        let step = Particle.step(
            position: [0.5, 0.5, 0.9], velocity: [0.1, -0.2, 0.05], personalBest: [0.6, 0.4, 0.9], globalBest: [0.2, 0.8, 1.0],
            r1: [0.5, 0.25, 1], r2: [1, 0.5, 0.5], coefficients: c)
        // v' = 0.5 v + 2 r1 (p - x) + 1 r2 (g - x)
        let expected = [0.05 + 0.1 - 0.3, -0.1 - 0.05 + 0.15, 0.025 + 0 + 0.05]
        #expect(abs(step.velocity[0] - expected[0]) < 1e-12)
        #expect(abs(step.velocity[1] - expected[1]) < 1e-12)
        #expect(abs(step.position[0] - (0.5 + expected[0])) < 1e-12)
        #expect(abs(step.position[1] - 0.5) < 1e-12)
        // 0.9 + 0.075 stays inside; the speed limit and the walls act on larger steps.
        #expect(abs(step.position[2] - 0.975) < 1e-12)
        let wall = Particle.step(
            position: [0.9], velocity: [0.4], personalBest: [1], globalBest: [1], r1: [1], r2: [1], coefficients: c)
        #expect(wall.position == [1] && wall.velocity == [0], "a particle hitting a wall stops there")
        let fast = Particle.step(
            position: [0], velocity: [0], personalBest: [1], globalBest: [1], r1: [1], r2: [1], coefficients: c)
        #expect(fast.velocity == [Particle.maxSpeed])
    }

    @Test func convergesOnTheSphere() async throws {
        let (best, value) = try await Self.minimize(Self.floats(3), seed: 4, trials: 800) { config in
            (0..<3).reduce(0) { sum, i in
                let x = (config["x\(i)"]?.doubleValue ?? .nan) - 1
                return sum + x * x
            }
        }
        // Canonical PSO reaches about 1e-4 here after 40 moves per particle (sphere in original units).
        #expect(value < 1e-3)
        #expect((0..<3).allSatisfy { abs((best["x\($0)"]?.doubleValue ?? .nan) - 1) < 0.05 })
    }

    @Test func findsTheMinimumOfAOneDimensionalQuadratic() async throws {
        let space: JSON = ["params": [["name": "x", "type": "float", "low": -5.0, "high": 10.0]]]
        let (best, _) = try await Self.minimize(space, seed: 1, trials: 150) { config in
            let x = config["x"]?.doubleValue ?? .nan
            return (x - 2) * (x - 2)
        }
        #expect(abs((best["x"]?.doubleValue ?? .nan) - 2) < 1e-2)
    }

    @Test func eightPendingAsksAreDistinctParticles() async throws {
        let session = try await Self.session(Self.floats(3), seed: 5)
        let trials = try await session.ask(count: 8, clientId: nil).trials
        #expect(trials.count == 8)
        #expect(Set(trials.map(\.config)).count == 8)
        #expect(Set(trials.map { $0.tag?["particle"] }).count == 8)
    }

    @Test func aParticleIsHandedOutAgainOnlyAfterItsTrialCompletes() async throws {
        let session = try await Self.session(Self.floats(2), options: ["particles": 3], seed: 6)
        let first = try await session.ask(count: 3, clientId: nil).trials
        #expect(first.map { $0.tag?["particle"] } == [0, 1, 2])
        // Every particle is out: a fourth trial is a new particle joining the swarm.
        let extra = try await session.ask(count: 1, clientId: nil).trials
        #expect(extra.first?.tag?["particle"] == 3)
        _ = try await session.tell(trialId: first[1].id, state: .complete, values: [1], budget: nil, cost: nil)
        let next = try await session.ask(count: 1, clientId: nil).trials
        #expect(next.first?.tag?["particle"] == 1)
        #expect(next.first?.tag?["move"] == 1, "the told particle moved before it was handed out again")
        #expect(next.first?.config != first[1].config)
        // An abandoned particle comes back at the same, unevaluated position.
        _ = try await session.abandon(trialId: first[2].id)
        let again = try await session.ask(count: 1, clientId: nil).trials
        #expect(again.first?.tag?["particle"] == 2 && again.first?.config == first[2].config)
    }

    @Test func rejectsBadOptionsNamingTheField() throws {
        let space = try SearchSpace(json: Self.floats(2), path: "space")
        for (options, field) in [(["particles": 0] as JSON, "particles"), (["inertia": 1.5], "inertia"), (["social": -1.0], "social")] {
            #expect {
                _ = try StrategyRegistry.make(name: "pso", options: options, space: space, objectives: Objective.defaultList, path: "params.strategy.options")
            } throws: { error in
                (error as? JSONFieldError)?.path == "params.strategy.options.\(field)"
            }
        }
    }
}
