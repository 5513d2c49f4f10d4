import AutoMLEngine
import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import Testing
@testable import AutoMLStrategies

/// Hyperband-BO: Hyperband's schedule, configurations sampled from a GP's expected improvement.
@Suite struct HyperbandBOTests {
    static let space: JSON = ["params": [["name": "x", "type": "float", "low": 0.0, "high": 1.0]]]

    static func session(_ strategy: String = "hyperband-bo", options: JSON? = nil, seed: UInt64 = 1) async throws -> Session {
        try await Engine(dataDir: nil).create(
            CreateRequest(strategy: strategy, options: options, space: SearchSpace(json: space, path: "space"), seed: seed))
    }

    static func x(_ trial: TrialRecord) -> Double { trial.config["x"]?.doubleValue ?? 1 }

    @Test func keepsHyperbandsExactScheduleAndPromotions() async throws {
        let session = try await Self.session(options: ["candidates": 128])
        var handed: [TrialRecord] = []
        // A sequential client through the first two brackets (81+27+9+3+1 and 34+11+3+1).
        for _ in 0..<(121 + 49) {
            let trial = try #require(try await session.ask(count: 1, clientId: nil).trials.first)
            handed.append(trial)
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [Self.x(trial)], budget: nil, cost: nil)
        }
        let budgets = handed.map { $0.budget ?? -1 }
        // Hyperband's brackets for R = 81, eta = 3: rungs (size, budget).
        let rungs: [(count: Int, budget: Double)] = [(81, 1), (27, 3), (9, 9), (3, 27), (1, 81), (34, 3), (11, 9), (3, 27), (1, 81)]
        let expected = rungs.flatMap { rung in [Double](repeating: rung.budget, count: rung.count) }
        #expect(budgets == expected)
        // The 27 promoted from rung 0 are exactly its 27 best, each continuing its source trial.
        let best27 = Set(handed[0..<81].sorted { Self.x($0) < Self.x($1) }.prefix(27).map(\.id))
        #expect(Set(handed[81..<108].compactMap(\.resumeOf)) == best27)
        for trial in handed[81..<121] {
            let source = try #require(trial.resumeOf.map { handed[$0] })
            #expect(source.config == trial.config)
        }
        // Past the first few random draws, rung-0 configurations come from the model.
        let state = try #require(await session.status()["strategy"]?["state"]?["sampler"])
        #expect((state["modelDraws"]?.intValue ?? 0) > 100)
        #expect(state["randomDraws"]?.intValue == 3)
    }

    /// Twenty results at budget 1 where only x near 0.2 is good.
    static func craftedHistory(_ session: Session) async throws {
        for k in 0..<20 {
            let x = (Double(k) + 0.5) / 20
            let loss = x > 0.1 && x < 0.3 ? -1.0 : 1 + abs(x - 0.2)
            _ = try await session.warmStart(config: ["x": .double(x)], state: .complete, values: [loss], budget: 1, cost: nil)
        }
    }

    @Test func samplesMostConfigurationsWhereExpectedImprovementIs() async throws {
        var inside = 0, total = 0, randomInside = 0
        for seed in UInt64(1)...3 {
            let modelled = try await Self.session(options: ["candidates": 512], seed: seed)
            try await Self.craftedHistory(modelled)
            let drawn = try await modelled.ask(count: 27, clientId: nil).trials
            #expect(drawn.allSatisfy { $0.budget == 1 })
            #expect(Set(drawn.map(\.config)).count == 27)
            inside += drawn.filter { Self.x($0) > 0.05 && Self.x($0) < 0.35 }.count
            total += drawn.count
            let random = try await Self.session("hyperband", seed: seed)
            try await Self.craftedHistory(random)
            randomInside += try await random.ask(count: 27, clientId: nil).trials.filter { Self.x($0) > 0.05 && Self.x($0) < 0.35 }.count
        }
        // The region is 30% of the space: uniform draws land there about that often.
        #expect(Double(inside) > 0.7 * Double(total))
        #expect(Double(randomInside) < 0.5 * Double(total))
    }

    @Test func expectedImprovementWeightsAreSampledWithoutReplacement() {
        var generator = SeededGenerator(seed: 5)
        let configs: [JSONObject] = (0..<6).map { ["x": .double(Double($0))] }
        // Weights exp(w - max): 1, e^-1, ..., and one candidate with no chance at all.
        let drawn = ExpectedImprovementSampler.sampleWithoutReplacement(
            5, configs: configs, logWeights: [0, -1, -2, -3, -4, -.infinity], generator: &generator)
        #expect(Set(drawn).count == 5)
        #expect(!drawn.contains(configs[5]))
        // Asking for more than there are with weight falls back to uniform for the rest.
        let all = ExpectedImprovementSampler.sampleWithoutReplacement(6, configs: configs, logWeights: [0, 0, -.infinity, -.infinity, -.infinity, -.infinity], generator: &generator)
        #expect(Set(all).count == 6)
        #expect(Set(all.prefix(2)) == Set([configs[0], configs[1]]))
    }

    @Test func survivesFailedAndAbandonedTrialsMidBracket() async throws {
        let session = try await Self.session(options: ["maxBudget": 9, "minPoints": 3, "candidates": 64])
        // Bracket 0 of R = 9: nine configurations at budget 1, three at 3, one at 9.
        let first = try await session.ask(count: 9, clientId: nil).trials
        #expect(first.count == 9)
        _ = try await session.tell(trialId: first[0].id, state: .failed, values: nil, budget: nil, cost: nil)
        _ = try await session.tell(trialId: first[1].id, state: .pruned, values: nil, budget: nil, cost: nil)
        _ = try await session.abandon(trialId: first[2].id)
        for trial in first[3...] {
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [Self.x(trial)], budget: nil, cost: nil)
        }
        let retry = try #require(try await session.ask(count: 1, clientId: nil).trials.first)
        #expect(retry.config == first[2].config)
        #expect(retry.budget == 1)
        _ = try await session.tell(trialId: retry.id, state: .complete, values: [Self.x(retry)], budget: nil, cost: nil)
        let promoted = try await session.ask(count: 3, clientId: nil).trials
        #expect(promoted.count == 3)
        #expect(promoted.allSatisfy { $0.budget == 3 && $0.resumeOf != nil })
        let failed = Set([first[0].id, first[1].id])
        #expect(promoted.allSatisfy { !failed.contains($0.resumeOf ?? -1) })
        // The next bracket (five at budget 3) draws from the model of the largest budget with
        // three results: budget 3.
        for trial in promoted { _ = try await session.tell(trialId: trial.id, state: .complete, values: [Self.x(trial)], budget: nil, cost: nil) }
        let last = try #require(try await session.ask(count: 1, clientId: nil).trials.first)
        _ = try await session.tell(trialId: last.id, state: .complete, values: [Self.x(last)], budget: nil, cost: nil)
        let next = try await session.ask(count: 5, clientId: nil).trials
        #expect(next.count == 5)
        #expect(next.allSatisfy { $0.budget == 3 && $0.resumeOf == nil })
        let sampler = try #require(await session.status()["strategy"]?["state"]?["sampler"])
        #expect(sampler["modelBudget"]?.doubleValue == 3)
    }

    @Test func badOptionsAreNamed() async throws {
        await #expect(throws: JSONFieldError(path: "params.strategy.options.candidates", reason: "expected an integer from 1 to 1000000")) {
            _ = try await Self.session(options: ["candidates": 0])
        }
    }
}
