import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import AutoMLStrategies
import Testing
@testable import AutoMLNAS

@Suite struct RegularizedEvolutionTests {
    static let smallSpace: JSON = ["kind": "nasnet", "blocks": 2, "reductions": 0, "channels": 2]

    @Test func agingRemovesTheOldestMemberNotTheWorst() throws {
        var driver = try StrategyDriver(RegularizedEvolution.self, options: ["space": Self.smallSpace, "population": 3, "sample": 2], seed: 1)
        let initial = try driver.ask(3)
        for (id, loss) in zip(initial, [0.1, 5.0, 6.0]) { driver.tell(id, value: loss) }
        #expect(driver.strategy.population.map(\.loss) == [0.1, 5.0, 6.0])
        let child = try #require(try driver.ask().first)
        #expect(driver.trials[child].tag?["origin"] == "child")
        driver.tell(child, value: 7.0)
        // The best (and oldest) member died; the worst, younger ones live on.
        #expect(driver.strategy.population.map(\.loss) == [5.0, 6.0, 7.0])
        #expect(driver.strategy.population.map(\.trial) == [initial[1], initial[2], child])
    }

    @Test func failedAndPrunedChildrenDoNotJoin() throws {
        var driver = try StrategyDriver(RegularizedEvolution.self, options: ["space": Self.smallSpace, "population": 2], seed: 2)
        for id in try driver.ask(2) { driver.tell(id, value: 1.0) }
        let children = try driver.ask(2)
        driver.tell(children[0], value: nil, state: .failed)
        driver.tell(children[1], value: nil, state: .pruned)
        #expect(driver.strategy.population.map(\.trial) == [0, 1])
    }

    @Test func aChildDiffersFromItsParentInExactlyOneDecision() throws {
        var driver = try StrategyDriver(RegularizedEvolution.self,
                                        options: ["space": Self.smallSpace, "population": 4, "identityProbability": 0], seed: 3)
        for id in try driver.ask(4) { driver.tell(id, value: Double(id)) }
        for _ in 0..<20 {
            let child = try #require(try driver.ask().first)
            let parent = Int(try #require(driver.trials[child].tag?["parent"]?.intValue))
            let changed = zip(driver.decisions(child), driver.decisions(parent)).filter { $0 != $1 }.count
            #expect(changed == 1)
            driver.tell(child, value: 10)
        }
    }

    @Test func childrenAskedTogetherAreDistinct() throws {
        var driver = try StrategyDriver(RegularizedEvolution.self, options: ["space": Self.smallSpace, "population": 3], seed: 4)
        for id in try driver.ask(3) { driver.tell(id, value: Double(id)) }
        let children = try driver.ask(8)
        #expect(Set(children.map(driver.decisions)).count == 8)
    }

    @Test func theTournamentPicksTheBestOfItsSample() {
        let losses = [3.0, 1.0, 4.0, 1.5, 9.0, 2.6]
        let population = losses.enumerated().map { EvolutionMember(trial: $0, decisions: [], config: [:], loss: $1) }
        var rng = SeededGenerator(seed: 5)
        // A sample of everyone: the best.
        #expect(EvolutionPopulation.tournament(population, size: 6, using: &rng) == 1)
        // A sample of two is never the worst, and not always the best.
        var winners = Set<Int>()
        for _ in 0..<200 {
            let winner = EvolutionPopulation.tournament(population, size: 2, using: &rng)
            #expect(winner != 4)
            winners.insert(winner ?? -1)
        }
        #expect(winners == [0, 1, 2, 3, 5])
    }

    @Test func aChildInheritsItsParentsParamsOrRedrawsOne() throws {
        let space = try SearchSpace(json: ["params": [["name": "lr", "type": "float", "low": 0.001, "high": 0.1],
                                                      ["name": "depth", "type": "int", "low": 1, "high": 8]]], path: "space")
        var rng = SeededGenerator(seed: 6)
        let parent: JSONObject = ["lr": 0.01, "depth": 3]
        var redrawn = 0
        for _ in 0..<100 {
            let child = EvolutionPopulation.childConfig(parent, space: space, probability: 0.5, using: &rng)
            let differing = ["lr", "depth"].filter { child[$0] != parent[$0] }.count
            #expect(differing <= 1)
            redrawn += differing
        }
        #expect((30...70).contains(redrawn))
    }

    @Test func badOptionsNameTheirField() {
        for (options, path) in [(["population": 1] as JSON, "params.strategy.options.population"),
                                (["population": 4, "sample": 5] as JSON, "params.strategy.options.sample"),
                                (["identityProbability": 2] as JSON, "params.strategy.options.identityProbability"),
                                (["space": ["kind": "nasnet", "blocks": 99]] as JSON, "params.strategy.options.space.blocks")] {
            do {
                _ = try StrategyDriver(RegularizedEvolution.self, options: options, seed: 0)
                Issue.record("\(options) accepted")
            } catch let error as JSONFieldError {
                #expect(error.path == path)
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
