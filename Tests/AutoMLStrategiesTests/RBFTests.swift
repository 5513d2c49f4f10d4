import AutoMLEngine
import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
@testable import AutoMLStrategies
import Testing

/// The RBF surrogate method: the interpolant, DYCORS's pieces, restarts, and searches through
/// real sessions.
@Suite struct RBFTests {
    static func session(_ space: JSON, options: JSON? = nil, seed: UInt64 = 0) async throws -> Session {
        try await Engine(dataDir: nil).create(
            CreateRequest(strategy: "rbf", options: options, space: SearchSpace(json: space, path: "space"), seed: seed))
    }

    /// Runs `trials` trials one at a time; returns the session and the best config and value.
    static func minimize(_ space: JSON, options: JSON? = nil, seed: UInt64 = 0, trials: Int, objective: (JSONObject) -> Double) async throws
        -> (session: Session, best: JSONObject, value: Double)
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
        return (session, best.0, best.1)
    }

    static let quadratic1D: JSON = ["params": [["name": "x", "type": "float", "low": -5.0, "high": 10.0]]]

    @Test func interpolatesItsDataPointsExactly() throws {
        var rng = SeededGenerator(seed: 11)
        let points = (0..<15).map { _ in (0..<3).map { _ in rng.nextUnit() } }
        let values = points.map { x in x[0] * x[0] - 2 * x[1] + (3 * x[2]).squareRoot() }
        let model = try #require(CubicRBFModel.fit(points: points, values: values))
        for (x, f) in zip(points, values) {
            #expect(abs(model.value(at: x) - f) < 1e-9)
        }
        // The polynomial side condition: Σ λ_i = 0 and Σ λ_i x_i = 0.
        #expect(abs(model.weights.reduce(0, +)) < 1e-9)
        for k in 0..<3 {
            #expect(abs(zip(model.weights, points).reduce(0) { $0 + $1.0 * $1.1[k] }) < 1e-9)
        }
    }

    @Test func reproducesALinearFunctionWithTheTailAlone() throws {
        let points: [[Double]] = [[0, 0], [1, 0], [0, 1], [0.3, 0.7], [0.9, 0.2]]
        let model = try #require(CubicRBFModel.fit(points: points, values: points.map { 2 + 3 * $0[0] - $0[1] }))
        #expect(abs(model.value(at: [0.5, 0.5]) - 3) < 1e-9)
        #expect(model.weights.allSatisfy { abs($0) < 1e-9 })
    }

    @Test func refusesASingularSystem() {
        // Three points on a line cannot fix a plane's tail.
        #expect(CubicRBFModel.fit(points: [[0, 0], [0.5, 0.5], [1, 1]], values: [1, 2, 3]) == nil)
    }

    @Test func candidatesStayInTheCubeOnDiscreteCentres() throws {
        var rng = SeededGenerator(seed: 3)
        let cells = [nil, UnitCells(Parameter(name: "n", kind: .int(low: 0, high: 4, log: false, step: nil)))]
        let candidates = DYCORSCandidates.generate(around: [0.95, 0.5], count: 200, sigma: 0.2, probability: 1, cells: cells, using: &rng)
        #expect(candidates.allSatisfy { (0...1).contains($0[0]) })
        let centres: Set<Double> = [0.1, 0.3, 0.5, 0.7, 0.9]
        #expect(candidates.allSatisfy { x in centres.contains { abs($0 - x[1]) < 1e-12 } })
        #expect(DYCORSCandidates.probability(step: 0, dimension: 40, horizon: 100) == 0.5)
        #expect(DYCORSCandidates.probability(step: 99, dimension: 2, horizon: 100) == 0)
    }

    @Test func scorePrefersLowSurrogateValuesOrDistanceByWeight() {
        let values = [0.0, 1.0, 0.5]
        let distances = [0.01, 0.5, 0.2]
        #expect(DYCORSCandidates.select(values: values, distances: distances, weight: 0.95, tolerance: 0.001) == 0)
        #expect(DYCORSCandidates.select(values: values, distances: distances, weight: 0.0, tolerance: 0.001) == 1)
        #expect(DYCORSCandidates.select(values: values, distances: distances, weight: 0.95, tolerance: 0.05) == 2)
        #expect(DYCORSCandidates.select(values: values, distances: distances, weight: 0.5, tolerance: 1) == nil)
    }

    @Test func findsTheMinimumOfAOneDimensionalQuadratic() async throws {
        let (_, best, _) = try await Self.minimize(Self.quadratic1D, seed: 1, trials: 30) { config in
            let x = config["x"]?.doubleValue ?? .nan
            return (x - 2) * (x - 2)
        }
        #expect(abs((best["x"]?.doubleValue ?? .nan) - 2) < 1e-2)
    }

    @Test func restartsWhenTheStepCollapses() async throws {
        let (session, _, _) = try await Self.minimize(Self.quadratic1D, options: ["startupTrials": 3, "candidates": 20], trials: 80) { _ in 1 }
        let state = try #require(await session.status()["strategy"]?["state"])
        #expect((state["restarts"]?.intValue ?? 0) >= 1)
    }

    @Test func eightPendingAsksAreDistinct() async throws {
        let space: JSON = ["params": [["name": "a", "type": "float", "low": 0.0, "high": 1.0], ["name": "b", "type": "int", "low": 0, "high": 50]]]
        let session = try await Self.session(space, seed: 5)
        // Past the design: the model picks all eight of the second batch.
        for trial in try await session.ask(count: 6, clientId: nil).trials {
            let a = trial.config["a"]?.doubleValue ?? 0, b = trial.config["b"]?.doubleValue ?? 0
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [a * a + b], budget: nil, cost: nil)
        }
        let trials = try await session.ask(count: 8, clientId: nil).trials
        #expect(trials.count == 8)
        #expect(trials.allSatisfy { $0.tag?["adaptive"] != nil })
        #expect(Set(trials.map(\.config)).count == 8)
    }

    @Test func rejectsBadOptionsNamingTheField() throws {
        let space = try SearchSpace(json: Self.quadratic1D, path: "space")
        for (options, field) in [(["startupTrials": 0] as JSON, "startupTrials"), (["candidates": 0], "candidates")] {
            #expect {
                _ = try StrategyRegistry.make(name: "rbf", options: options, space: space, objectives: Objective.defaultList, path: "params.strategy.options")
            } throws: { error in
                (error as? JSONFieldError)?.path == "params.strategy.options.\(field)"
            }
        }
    }
}
