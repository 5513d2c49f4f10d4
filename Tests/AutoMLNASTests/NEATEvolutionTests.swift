import AutoMLJSON
import AutoMLNumerics
import Testing
@testable import AutoMLNAS

/// NEAT as a whole: offspring allocation, and solving XOR.
@Suite struct NEATEvolutionTests {
    static let xorCases: [([Double], Double)] = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)]

    /// 4 − Σ (output − target)²: 4 is perfect.
    static func xorFitness(_ genome: NEATGenome) -> Double {
        let network = NEATNetwork(genome)
        return 4 - xorCases.reduce(0) { sum, item in
            let error = network.activate(item.0)[0] - item.1
            return sum + error * error
        }
    }

    /// Whether every case lands on the right side of 0.5.
    static func solvesXOR(_ genome: NEATGenome) -> Bool {
        let network = NEATNetwork(genome)
        return xorCases.allSatisfy { (network.activate($0.0)[0] > 0.5) == ($0.1 > 0.5) }
    }

    /// The generation in which some genome first reaches `threshold` (nil if none within `limit`).
    static func generationsToSolve(seed: UInt64, settings: NEATSettings, threshold: Double, limit: Int) -> (Int, NEATGenome)? {
        var rng = SeededGenerator(seed: seed)
        var population = NEATPopulation(settings: settings, rng: &rng)
        while population.generation < limit {
            let fitness = population.genomes.map(xorFitness)
            if let best = fitness.indices.max(by: { fitness[$0] < fitness[$1] }), fitness[best] >= threshold {
                return (population.generation, population.genomes[best])
            }
            population.advance(fitness: fitness, rng: &rng)
        }
        return nil
    }

    @Test func allocationIsProportionalToSharedFitnessAndSumsToThePopulation() {
        let normalized = NEATReproduction.normalized([2, 4, nil, 0, 4])
        #expect(normalized == [0.5, 1, 0, 0, 1])
        let shares = NEATReproduction.sharedFitness(normalized, species: [[0, 1], [2, 3, 4]])
        #expect(shares == [0.75, 1.0 / 3])
        #expect(NEATReproduction.allocate(10, shares: shares) == [7, 3])
        #expect(NEATReproduction.allocate(7, shares: [0, 0, 0]) == [3, 2, 2])
        #expect(NEATReproduction.allocate(5, shares: [1, 0]) == [5, 0])
    }

    @Test func populationKeepsItsSizeAndEveryGenomeStaysFeedForward() {
        var rng = SeededGenerator(seed: 2)
        var settings = NEATSettings()
        settings.populationSize = 30
        settings.addNodeRate = 0.3
        settings.addConnectionRate = 0.5
        var population = NEATPopulation(settings: settings, rng: &rng)
        for _ in 0..<15 {
            population.advance(fitness: population.genomes.map(Self.xorFitness), rng: &rng)
            #expect(population.genomes.count == 30)
            #expect(population.species.flatMap(\.members).sorted() == Array(0..<30))
        }
        #expect(population.genomes.allSatisfy { NEATTopology.order($0) != nil })
        #expect(population.genomes.contains { $0.hiddenCount > 0 })
    }

    /// A known answer: with seed 1 and the default settings, NEAT finds a network that gets
    /// every XOR case right with fitness ≥ 3.9 (squared error ≤ 0.1) within 150 generations.
    @Test func solvesXORForAFixedSeed() throws {
        let (generation, genome) = try #require(Self.generationsToSolve(seed: 1, settings: NEATSettings(), threshold: 3.9, limit: 150))
        #expect(Self.solvesXOR(genome))
        #expect(genome.hiddenCount >= 1, "XOR is not linearly separable: a solution needs a hidden node")
        #expect(generation > 0)
    }
}
