import AutoMLJSON
import Testing
@testable import AutoMLNAS

@Suite struct HierarchicalEvolutionTests {
    static let options: JSON = ["space": ["kind": "hierarchical", "channels": 2, "motifs": 2, "nodes": [3, 3]],
                                "initialPopulation": 4, "initialMutations": 3]

    @Test func initialGenotypesAreTheTrivialOneMutatedAFewTimes() throws {
        var driver = try StrategyDriver(HierarchicalEvolution.self, options: Self.options, seed: 1)
        let trivial = driver.strategy.architectureSpace.trivialDecisions
        for id in try driver.ask(4) {
            let changed = zip(driver.decisions(id), trivial).filter { $0 != $1 }.count
            #expect((1...3).contains(changed))
            #expect(driver.trials[id].tag?["origin"] == "initial")
        }
    }

    @Test func thePopulationOnlyGrowsAndTheTournamentIsFivePercentAtLeastTwo() throws {
        var driver = try StrategyDriver(HierarchicalEvolution.self, options: Self.options, seed: 2)
        #expect(driver.strategy.tournamentSize == 2)
        _ = try driver.run(60, loss: { Double($0.reduce(0, +)) })
        #expect(driver.strategy.population.count == 60)
        #expect(driver.strategy.tournamentSize == 3)
        #expect(driver.strategy.population.map(\.trial) == Array(0..<60))
    }

    @Test func childrenChangeExactlyOneEdgeOfTheirParent() throws {
        var driver = try StrategyDriver(HierarchicalEvolution.self, options: Self.options, seed: 3)
        _ = try driver.run(4, loss: { Double($0.reduce(0, +)) })
        for _ in 0..<10 {
            let child = try #require(try driver.ask().first)
            let parent = Int(try #require(driver.trials[child].tag?["parent"]?.intValue))
            #expect(zip(driver.decisions(child), driver.decisions(parent)).filter { $0 != $1 }.count == 1)
            driver.tell(child, value: 0)
        }
    }

    @Test func aSpaceOfAnotherKindIsRefused() {
        #expect(throws: JSONFieldError.self) {
            _ = try StrategyDriver(HierarchicalEvolution.self, options: ["space": ["kind": "nasnet"]], seed: 0)
        }
    }
}
