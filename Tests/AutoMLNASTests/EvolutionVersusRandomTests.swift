import AutoMLJSON
import Testing
@testable import AutoMLNAS

/// A known answer: the loss is minus the number of operations that are `sepconv3`, so the best
/// architecture has every operation `sepconv3`. Aging evolution climbs towards it; random
/// search only finds what chance gives.
@Suite struct EvolutionVersusRandomTests {
    static let space: JSON = ["kind": "nasnet", "blocks": 5, "reductions": 1, "channels": 2,
                              "primitives": ["identity", "conv3", "sepconv3", "maxpool3"], "combiners": ["add"]]

    static func loss(_ decisions: [Int]) -> Double {
        // Decisions per block: in0, op0, in1, op1, combine; sepconv3 is primitive 2 here.
        -Double(decisions.indices.filter { [1, 3].contains($0 % 5) && decisions[$0] == 2 }.count)
    }

    @Test func regularizedEvolutionBeatsRandomSearchOnACountingFitness() throws {
        var wins = 0, evolved: [Double] = [], random: [Double] = []
        for seed in UInt64(1)...5 {
            var evolution = try StrategyDriver(RegularizedEvolution.self, options: ["space": Self.space, "population": 10, "sample": 5], seed: seed)
            var baseline = try StrategyDriver(NASRandomSearch.self, options: ["space": Self.space], seed: seed + 100)
            let a = try evolution.run(100, loss: Self.loss), b = try baseline.run(100, loss: Self.loss)
            evolved.append(a)
            random.append(b)
            if a < b { wins += 1 }
        }
        // Measured: evolution [-14, -11, -16, -15, -14], random [-10, -10, -9, -10, -10] (of 20).
        #expect(wins == 5, "evolution \(evolved), random \(random)")
        #expect(evolved.sorted()[2] <= random.sorted()[2] - 3, "evolution \(evolved), random \(random)")
    }

    @Test func hierarchicalEvolutionImprovesOnItsInitialPopulation() throws {
        // Loss: minus the number of level-2 edges that are separable convolutions (primitive 3).
        func loss(_ decisions: [Int]) -> Double { -Double(decisions.prefix(24).filter { $0 == 3 }.count) }
        var improved = 0
        for seed in UInt64(1)...3 {
            var driver = try StrategyDriver(HierarchicalEvolution.self,
                                            options: ["space": ["kind": "hierarchical", "channels": 2], "initialPopulation": 10, "initialMutations": 5],
                                            seed: seed)
            let initial = try driver.run(10, loss: loss)
            let final = try driver.run(90, loss: loss)
            if final <= initial - 2 { improved += 1 }
            #expect(driver.strategy.population.count == 100)
        }
        #expect(improved == 3)
    }
}
