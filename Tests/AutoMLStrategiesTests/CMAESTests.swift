import AutoMLEngine
import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
@testable import AutoMLStrategies
import Foundation
import Testing

/// CMA-ES: the update's arithmetic on crafted data, the margin, restarts, and searches through
/// real sessions.
@Suite struct CMAESTests {
    /// Runs `trials` trials of `objective` one at a time; returns the session and the best trial.
    static func minimize(
        _ space: JSON, options: JSON? = nil, seed: UInt64 = 0, trials: Int, objective: (JSONObject) -> Double
    ) async throws -> (session: Session, best: JSONObject, value: Double) {
        let session = try await Engine(dataDir: nil).create(
            CreateRequest(strategy: "cmaes", options: options, space: SearchSpace(json: space, path: "space"), seed: seed))
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

    static func floats(_ count: Int, low: Double = -5, high: Double = 5) -> JSON {
        ["params": .array((0..<count).map { ["name": .string("x\($0)"), "type": "float", "low": .double(low), "high": .double(high)] })]
    }

    static func coordinates(_ config: JSONObject, _ count: Int) -> [Double] {
        (0..<count).map { config["x\($0)"]?.doubleValue ?? .nan }
    }

    static func strategyState(_ session: Session) async -> JSON? {
        await session.status()["strategy"]?["state"]
    }

    // MARK: - Strategy parameters and the update

    @Test func weightsSumToOneAndMuEffMatchesTheTutorial() {
        let p = CMAESParameters(dimension: 10, lambda: 10)
        #expect(p.mu == 5)
        let positive = p.weights.prefix(p.mu)
        #expect(abs(positive.reduce(0, +) - 1) < 1e-12)
        #expect(positive.allSatisfy { $0 > 0 })
        #expect(p.weights.dropFirst(p.mu).allSatisfy { $0 <= 0 })
        // Hansen's tutorial: λ = 10 gives μ_eff ≈ 3.1672.
        #expect(abs(p.muEff - 3.1672) < 1e-4)
        #expect(zip(p.weights, p.weights.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(CMAESParameters.defaultLambda(dimension: 10) == 10)
        #expect(CMAESParameters.defaultLambda(dimension: 2) == 6)
    }

    @Test func updateOnACraftedGenerationFollowsTheEquations() throws {
        let p = CMAESParameters(dimension: 2, lambda: 4)
        var d = CMAESDistribution(mean: [0, 0], sigma: 1, parameters: p)
        let ranked: [[Double]] = [[1, 0], [0.5, 0], [-1, 0.1], [0, -2]]
        d.update(ranked: ranked)

        let yw = [p.weights[0] * 1 + p.weights[1] * 0.5, 0.0]
        #expect(abs(d.mean[0] - yw[0]) < 1e-12 && abs(d.mean[1]) < 1e-12)
        let ps = (p.cSigma * (2 - p.cSigma) * p.muEff).squareRoot() * yw[0]
        #expect(abs(d.pathSigma[0] - ps) < 1e-12)
        #expect(abs(d.sigma - exp((p.cSigma / p.dSigma) * (abs(ps) / p.chiN - 1))) < 1e-12)
        let pc = (p.cc * (2 - p.cc) * p.muEff).squareRoot() * yw[0]
        #expect(abs(d.pathC[0] - pc) < 1e-12)
        // C' = (1 - c1 - cμ Σw) I + c1 pc pcᵀ + cμ Σ w°_i y_i y_iᵀ, negative weights rescaled by n / ‖y_i‖².
        let active = zip(p.weights, ranked).map { w, y in w >= 0 ? w : w * 2 / (y[0] * y[0] + y[1] * y[1] + 1e-8) }
        let keep = 1 - p.c1 - p.cMu * p.weights.reduce(0, +)
        for (i, j) in [(0, 0), (0, 1), (1, 1)] {
            var rankMu = 0.0
            for (w, y) in zip(active, ranked) { rankMu += w * y[i] * y[j] }
            let expected = (i == j ? keep : 0) + p.c1 * (i == 0 ? pc : 0) * (j == 0 ? pc : 0) + p.cMu * rankMu
            #expect(abs(d.covariance[i * 2 + j] - expected) < 1e-12)
        }
        #expect(d.covariance[1] == d.covariance[2])
        #expect(d.covariance[0] > d.covariance[3], "selected steps all lie along the first axis")
    }

    @Test func jacobiEigenDecompositionReconstructsTheMatrix() {
        let a: [Double] = [2, 1, 0, 1, 2, 0, 0, 0, 3]
        let (values, vectors) = SymmetricEigen.decompose(a, order: 3)
        #expect(zip(values.sorted(), [1.0, 3, 3]).allSatisfy { abs($0 - $1) < 1e-12 })
        for i in 0..<3 {
            for j in 0..<3 {
                var s = 0.0
                for k in 0..<3 { s += vectors[i * 3 + k] * values[k] * vectors[j * 3 + k] }
                #expect(abs(s - a[i * 3 + j]) < 1e-12)
            }
        }
    }

    // MARK: - Margin

    @Test func marginKeepsTheNeighbourOfAnEndCellAtProbabilityAlpha() throws {
        let cells = try #require(UnitCells(Parameter(name: "b", kind: .categorical([true, false]))))
        var margin = CMAESMargin(cells: [cells], alpha: 0.05)
        var d = CMAESDistribution(mean: [0.2], sigma: 0.01, parameters: CMAESParameters(dimension: 1, lambda: 4))
        margin.correct(&d)
        // The probability of crossing into the other cell (threshold 0.5) is now exactly α.
        let spread = d.sigma * margin.scale[0] * d.covariance[0].squareRoot()
        #expect(abs(NormalTail.upper((0.5 - d.mean[0]) / spread) - 0.05) < 1e-9)
        #expect(d.mean[0] < 0.5)
    }

    @Test func marginGivesEachSideOfAnInnerCellHalfTheMargin() throws {
        let cells = try #require(UnitCells(Parameter(name: "n", kind: .int(low: 0, high: 2, log: false, step: nil))))
        var margin = CMAESMargin(cells: [cells], alpha: 0.1)
        var d = CMAESDistribution(mean: [0.45], sigma: 0.001, parameters: CMAESParameters(dimension: 1, lambda: 4))
        margin.correct(&d)
        let spread = d.sigma * margin.scale[0] * d.covariance[0].squareRoot()
        #expect(abs(NormalTail.cdf((1.0 / 3 - d.mean[0]) / spread) - 0.05) < 1e-9)
        #expect(abs(NormalTail.upper((2.0 / 3 - d.mean[0]) / spread) - 0.05) < 1e-9)
    }

    @Test func normalUpperQuantileInvertsTheTail() {
        for q in [1e-12, 1e-4, 0.025, 0.3, 0.5, 0.9] {
            #expect(abs(NormalTail.upper(NormalTail.upperQuantile(q)) / q - 1) < 1e-9)
        }
        #expect(abs(NormalTail.upperQuantile(0.025) - 1.959963984540054) < 1e-12)
    }

    // MARK: - Searches

    @Test func reachesTheOptimumOfAnEllipsoid() async throws {
        let (_, best, value) = try await Self.minimize(Self.floats(4), options: ["restarts": "none"], seed: 3, trials: 700) { config in
            let x = Self.coordinates(config, 4)
            return x.enumerated().reduce(0) { $0 + pow(100, Double($1.offset) / 3) * ($1.element - 1) * ($1.element - 1) }
        }
        #expect(value < 1e-6)
        #expect(Self.coordinates(best, 4).allSatisfy { abs($0 - 1) < 1e-3 })
    }

    @Test func findsTheMinimumOfAOneDimensionalQuadratic() async throws {
        let space: JSON = ["params": [["name": "x", "type": "float", "low": -5.0, "high": 10.0]]]
        let (_, best, _) = try await Self.minimize(space, seed: 1, trials: 80) { config in
            let x = config["x"]?.doubleValue ?? .nan
            return (x - 2) * (x - 2)
        }
        #expect(abs((best["x"]?.doubleValue ?? .nan) - 2) < 1e-2)
    }

    @Test func findsTheIntegerOptimumOfAMixedSpace() async throws {
        let space: JSON = ["params": [
            ["name": "x", "type": "float", "low": 0.0, "high": 1.0],
            ["name": "n", "type": "int", "low": 0, "high": 20],
            ["name": "flag", "type": "categorical", "choices": ["off", "on"]],
        ]]
        let (_, best, _) = try await Self.minimize(space, seed: 2, trials: 300) { config in
            let x = config["x"]?.doubleValue ?? .nan
            let n = config["n"]?.doubleValue ?? .nan
            return (x - 0.3) * (x - 0.3) + (n - 7) * (n - 7) + (config["flag"] == "on" ? 0 : 1)
        }
        #expect(best["n"] == 7)
        #expect(best["flag"] == "on")
    }

    @Test func restartsWithADoubledPopulationWhenTheValuesAreFlat() async throws {
        let (session, _, _) = try await Self.minimize(Self.floats(2), options: ["popsize": 6], trials: 200) { _ in 1 }
        let state = try #require(await Self.strategyState(session))
        #expect((state["restarts"]?.intValue ?? 0) >= 1)
        #expect(state["popsize"]?.intValue == 12)
        #expect(state["stopReason"] == "tolFun")
    }

    // MARK: - Pending trials

    @Test func eightPendingAsksAreDistinctMembersOfOneGeneration() async throws {
        let session = try await Engine(dataDir: nil).create(
            CreateRequest(strategy: "cmaes", space: SearchSpace(json: Self.floats(3), path: "space"), seed: 5))
        let trials = try await session.ask(count: 8, clientId: nil).trials
        #expect(trials.count == 8)
        #expect(Set(trials.map(\.config)).count == 8)
        #expect(Set(trials.map { $0.tag?["generation"] }).count == 1)
    }

    @Test func aGenerationClosesAfterLambdaCompleteMembersAndIgnoresFailuresAndLateOnes() async throws {
        let session = try await Engine(dataDir: nil).create(
            CreateRequest(strategy: "cmaes", options: ["popsize": 4], space: SearchSpace(json: Self.floats(2), path: "space"), seed: 6))
        let first = try await session.ask(count: 6, clientId: nil).trials
        _ = try await session.tell(trialId: first[0].id, state: .failed, values: nil, budget: nil, cost: nil)
        for trial in first[1...3] {
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [1], budget: nil, cost: nil)
        }
        #expect(await Self.strategyState(session)?["generation"] == 0)
        _ = try await session.tell(trialId: first[4].id, state: .complete, values: [2], budget: nil, cost: nil)
        #expect(await Self.strategyState(session)?["generation"] == 1)
        _ = try await session.tell(trialId: first[5].id, state: .complete, values: [0], budget: nil, cost: nil)
        #expect(await Self.strategyState(session)?["told"] == 0, "a late member of generation 0 is not counted in generation 1")
        let next = try await session.ask(count: 1, clientId: nil).trials
        #expect(next.first?.tag?["generation"] == 1)
    }

    // MARK: - Options

    @Test func rejectsBadOptionsNamingTheField() throws {
        let space = try SearchSpace(json: Self.floats(2), path: "space")
        for (options, field) in [(["popsize": 1] as JSON, "popsize"), (["restarts": "bipop"], "restarts"), (["sigma0": 0.0], "sigma0")] {
            #expect {
                _ = try StrategyRegistry.make(name: "cmaes", options: options, space: space, objectives: Objective.defaultList, path: "params.strategy.options")
            } throws: { error in
                (error as? JSONFieldError)?.path == "params.strategy.options.\(field)"
            }
        }
    }
}
