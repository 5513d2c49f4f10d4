import AutoMLEngine
import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies
import Testing

/// The mechanisms of the multi-fidelity strategies, through a real session.
@Suite struct MultiFidelityTests {
    static let space: JSON = ["params": [["name": "x", "type": "float", "low": 0.0, "high": 1.0]]]

    static func session(_ strategy: String, options: JSON? = nil, seed: UInt64 = 1) async throws -> Session {
        try await Engine(dataDir: nil).create(
            CreateRequest(strategy: strategy, options: options, space: SearchSpace(json: space, path: "space"), seed: seed))
    }

    /// Lower x is better, so promotions are predictable.
    static func loss(_ trial: TrialRecord) -> Double { trial.config["x"]?.doubleValue ?? 1 }

    @Test func hyperbandFollowsThePapersScheduleForR81Eta3() throws {
        let schedule = try BudgetSchedule(minBudget: 1, maxBudget: 81, eta: 3)
        #expect(schedule.sMax == 4)
        let brackets = schedule.hyperbandBrackets
        #expect(brackets.map { $0.sizes[0] } == [81, 34, 15, 8, 5])
        #expect(brackets.map { $0.budgets[0] } == [1, 3, 9, 27, 81])
        #expect(brackets[0].sizes == [81, 27, 9, 3, 1])
        #expect(brackets[0].budgets == [1, 3, 9, 27, 81])
        #expect(brackets[1].sizes == [34, 11, 3, 1])
        #expect(brackets[2].sizes == [15, 5, 1])
        #expect(brackets[3].sizes == [8, 2])
        #expect(brackets[4].sizes == [5])
    }

    @Test func hyperbandRunsTheScheduleAndPromotesTheBestWithResumeOf() async throws {
        let session = try await Self.session("hyperband")
        var handed: [(budget: Double, resumeOf: Int?)] = []
        var byId: [Int: TrialRecord] = [:]
        // A sequential client: ask one, tell one, through the first two brackets (81+27+9+3+1 and 34+11+3+1).
        for _ in 0..<(121 + 49) {
            let reply = try await session.ask(count: 1, clientId: nil)
            let trial = try #require(reply.trials.first)
            handed.append((trial.budget ?? -1, trial.resumeOf))
            byId[trial.id] = trial
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [Self.loss(trial)], budget: nil, cost: nil)
        }
        let budgets = handed.map(\.budget)
        #expect(Array(budgets[0..<81]) == Array(repeating: 1, count: 81))
        #expect(Array(budgets[81..<108]) == Array(repeating: 3, count: 27))
        #expect(Array(budgets[108..<117]) == Array(repeating: 9, count: 9))
        #expect(Array(budgets[117..<120]) == Array(repeating: 27, count: 3))
        #expect(budgets[120] == 81)
        #expect(Array(budgets[121..<155]) == Array(repeating: 3, count: 34))
        #expect(Array(budgets[155..<166]) == Array(repeating: 9, count: 11))
        // Every promotion continues a trial of the previous rung with the same config, and the
        // 27 promoted from rung 0 are exactly its 27 best.
        let firstRung = (0..<81).compactMap { byId[$0] }
        let best27 = Set(firstRung.sorted { Self.loss($0) < Self.loss($1) }.prefix(27).map(\.id))
        let promoted = handed[81..<108].compactMap(\.resumeOf)
        #expect(Set(promoted) == best27)
        for id in 81..<120 {
            let trial = try #require(byId[id])
            let source = try #require(trial.resumeOf.flatMap { byId[$0] })
            #expect(source.config == trial.config)
            #expect((source.budget ?? 0) * 3 == trial.budget)
        }
    }

    @Test func successiveHalvingWaitsAtTheRungBarrier() async throws {
        let session = try await Self.session("successive-halving", options: ["maxBudget": 9, "configurations": 9])
        let first = try await session.ask(count: 9, clientId: nil)
        #expect(first.trials.count == 9)
        #expect(first.trials.allSatisfy { $0.budget == 1 })
        for trial in first.trials.dropLast() {
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [Self.loss(trial)], budget: nil, cost: nil)
        }
        let blocked = try await session.ask(count: 1, clientId: nil)
        #expect(blocked.trials.isEmpty)
        #expect(blocked.waiting)
        let last = try #require(first.trials.last)
        _ = try await session.tell(trialId: last.id, state: .complete, values: [Self.loss(last)], budget: nil, cost: nil)
        let next = try await session.ask(count: 5, clientId: nil)
        #expect(next.trials.count == 3)
        #expect(next.trials.allSatisfy { $0.budget == 3 && $0.resumeOf != nil })
    }

    @Test func failedAndAbandonedTrialsMidBracketAreHandled() async throws {
        let session = try await Self.session("successive-halving", options: ["maxBudget": 9, "configurations": 9])
        let first = try await session.ask(count: 9, clientId: nil).trials
        // Two fail, one is abandoned (its slot comes back), the rest complete.
        _ = try await session.tell(trialId: first[0].id, state: .failed, values: nil, budget: nil, cost: nil)
        _ = try await session.tell(trialId: first[1].id, state: .failed, values: nil, budget: nil, cost: nil)
        _ = try await session.abandon(trialId: first[2].id)
        for trial in first[3...] {
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [Self.loss(trial)], budget: nil, cost: nil)
        }
        let retry = try await session.ask(count: 1, clientId: nil).trials
        #expect(retry.count == 1)
        #expect(retry[0].config == first[2].config)
        #expect(retry[0].budget == 1)
        _ = try await session.tell(trialId: retry[0].id, state: .complete, values: [Self.loss(retry[0])], budget: nil, cost: nil)
        let promoted = try await session.ask(count: 3, clientId: nil).trials
        #expect(promoted.count == 3)
        #expect(promoted.allSatisfy { $0.budget == 3 })
        let failedIds = Set([first[0].id, first[1].id])
        #expect(promoted.allSatisfy { !failedIds.contains($0.resumeOf ?? -1) })
    }

    @Test func ashaPromotesWithoutWaiting() async throws {
        let session = try await Self.session("asha", options: ["maxBudget": 9])
        // Three complete at rung 0: the best of them (top 1/3) is promoted on the next ask,
        // while other trials are still pending.
        let pending = try await session.ask(count: 2, clientId: nil).trials
        let firstThree = try await session.ask(count: 3, clientId: nil).trials
        #expect(firstThree.allSatisfy { $0.budget == 1 })
        for trial in firstThree {
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [Self.loss(trial)], budget: nil, cost: nil)
        }
        let next = try await session.ask(count: 2, clientId: nil).trials
        #expect(next.count == 2)
        let best = try #require(firstThree.min { Self.loss($0) < Self.loss($1) })
        #expect(next[0].budget == 3)
        #expect(next[0].resumeOf == best.id)
        #expect(next[0].config == best.config)
        #expect(next[1].budget == 1)
        #expect(pending.allSatisfy { $0.state == .pending })
    }

    @Test func ashaAbandonedPromotionIsPromotedAgain() async throws {
        let session = try await Self.session("asha", options: ["maxBudget": 9])
        let firstThree = try await session.ask(count: 3, clientId: nil).trials
        for trial in firstThree {
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [Self.loss(trial)], budget: nil, cost: nil)
        }
        let promotion = try #require(try await session.ask(count: 1, clientId: nil).trials.first)
        #expect(promotion.budget == 3)
        _ = try await session.abandon(trialId: promotion.id)
        let again = try #require(try await session.ask(count: 1, clientId: nil).trials.first)
        #expect(again.resumeOf == promotion.resumeOf)
        #expect(again.budget == 3)
    }

    @Test func badBudgetsAreNamed() async throws {
        await #expect(throws: JSONFieldError(path: "params.strategy.options.eta", reason: "expected a number of at least 2")) {
            _ = try await Self.session("hyperband", options: ["eta": 1])
        }
        await #expect(throws: JSONFieldError.self) {
            _ = try await Self.session("asha", options: ["minBudget": 10, "maxBudget": 1])
        }
    }
}

@Suite struct BOHBTests {
    static let space: JSON = [
        "params": [
            ["name": "x", "type": "float", "low": 0.0, "high": 1.0],
            ["name": "c", "type": "categorical", "choices": ["a", "b", "c"]],
        ]
    ]

    static func loss(_ trial: TrialRecord) -> Double {
        (trial.config["x"]?.doubleValue ?? 1) + (trial.config["c"] == "b" ? 0 : 0.5)
    }

    static func samplerState(_ session: Session) async -> JSON? {
        await session.status()["strategy"]?["state"]?["sampler"]
    }

    @Test func switchesFromRandomToTheModelOnceABudgetHasEnoughResults() async throws {
        let session = try await Engine(dataDir: nil).create(
            CreateRequest(strategy: "bohb", space: SearchSpace(json: Self.space, path: "space"), seed: 2))
        // Dimension 2: each density needs 3 points, so a budget needs 6 results for a model;
        // the first six configurations are drawn at random.
        for _ in 0..<6 {
            let trial = try #require(try await session.ask(count: 1, clientId: nil).trials.first)
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [Self.loss(trial)], budget: nil, cost: nil)
        }
        #expect(await Self.samplerState(session)?["modelDraws"] == 0)
        #expect(await Self.samplerState(session)?["randomDraws"] == 6)
        var late: [TrialRecord] = []
        for _ in 0..<60 {
            let trial = try #require(try await session.ask(count: 1, clientId: nil).trials.first)
            late.append(trial)
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [Self.loss(trial)], budget: nil, cost: nil)
        }
        let state = await Self.samplerState(session)
        // A third of the draws stay random (randomFraction 1/3).
        let modelDraws = try #require(state?["modelDraws"]?.intValue)
        #expect(modelDraws > 30 && modelDraws < 52)
        #expect(state?["modelBudget"] == 1.0)
        // The model concentrates on the good region: small x (random search would centre on 0.5).
        let xs = late.compactMap { $0.config["x"]?.doubleValue }.sorted()
        #expect(xs[xs.count / 2] < 0.15)
    }

    @Test func parallelWorkersNeverWaitAndPromotionsCarryResumeOf() async throws {
        let session = try await Engine(dataDir: nil).create(
            CreateRequest(strategy: "bohb", options: ["maxBudget": 9], space: SearchSpace(json: Self.space, path: "space"), seed: 4))
        var promotions = 0
        for _ in 0..<30 {
            let trials = try await session.ask(count: 4, clientId: nil).trials
            #expect(trials.count == 4)
            for trial in trials {
                if let source = trial.resumeOf {
                    promotions += 1
                    #expect(try await session.trial(source).config == trial.config)
                }
                _ = try await session.tell(trialId: trial.id, state: .complete, values: [Self.loss(trial)], budget: nil, cost: nil)
            }
        }
        #expect(promotions > 0)
    }
}
