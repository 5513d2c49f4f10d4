import AutoMLJSON
import AutoMLNumerics
import Testing
@testable import AutoMLNAS

/// The genetics of NEAT on hand-made genomes: alignment, crossover, distance, speciation,
/// innovation numbers and the add-node split.
@Suite struct NEATGeneticsTests {
    /// The two parents of the paper's figure 4 (nodes 1–3 inputs, 4 the output, 5–6 hidden).
    static func figureFourParents() -> (NEATGenome, NEATGenome) {
        let nodes1 = [1, 2, 3].map { NEATNodeGene(id: $0, kind: .input) }
            + [NEATNodeGene(id: 4, kind: .output), NEATNodeGene(id: 5, kind: .hidden)]
        let parent1 = NEATGenome(nodes: nodes1, connections: [
            NEATConnectionGene(innovation: 1, from: 1, to: 4, weight: 0.1),
            NEATConnectionGene(innovation: 2, from: 2, to: 4, weight: 0.2, enabled: false),
            NEATConnectionGene(innovation: 3, from: 3, to: 4, weight: 0.3),
            NEATConnectionGene(innovation: 4, from: 2, to: 5, weight: 0.4),
            NEATConnectionGene(innovation: 5, from: 5, to: 4, weight: 0.5),
            NEATConnectionGene(innovation: 8, from: 1, to: 5, weight: 0.8),
        ])
        let parent2 = NEATGenome(nodes: nodes1 + [NEATNodeGene(id: 6, kind: .hidden)], connections: [
            NEATConnectionGene(innovation: 1, from: 1, to: 4, weight: -0.1),
            NEATConnectionGene(innovation: 2, from: 2, to: 4, weight: -0.2, enabled: false),
            NEATConnectionGene(innovation: 3, from: 3, to: 4, weight: -0.3),
            NEATConnectionGene(innovation: 4, from: 2, to: 5, weight: -0.4),
            NEATConnectionGene(innovation: 5, from: 5, to: 4, weight: -0.5, enabled: false),
            NEATConnectionGene(innovation: 6, from: 5, to: 6, weight: -0.6),
            NEATConnectionGene(innovation: 7, from: 6, to: 4, weight: -0.7),
            NEATConnectionGene(innovation: 9, from: 3, to: 5, weight: -0.9),
            NEATConnectionGene(innovation: 10, from: 1, to: 6, weight: -1.0),
        ])
        return (parent1, parent2)
    }

    @Test func alignmentFindsMatchingDisjointAndExcessGenesOfFigureFour() {
        let (a, b) = Self.figureFourParents()
        let alignment = NEATAlignment(a, b)
        #expect(alignment.matching == [1, 2, 3, 4, 5])
        #expect(alignment.disjoint.sorted() == [6, 7, 8])
        #expect(alignment.excess == [9, 10])
        #expect(abs(alignment.meanWeightDifference - (0.2 + 0.4 + 0.6 + 0.8 + 1.0) / 5) < 1e-12)
    }

    @Test func crossoverTakesMatchingGenesFromEitherParentAndTheRestFromTheFitter() {
        let (a, b) = Self.figureFourParents()
        var rng = SeededGenerator(seed: 3)
        var fromA = 0, fromB = 0
        for _ in 0..<20 {
            let child = NEATCrossover.child(fitter: b, other: a, disableRate: 0.75, rng: &rng)
            #expect(child.connections.map(\.innovation) == [1, 2, 3, 4, 5, 6, 7, 9, 10])
            #expect(child.nodes == b.nodes)
            for gene in child.connections where gene.innovation <= 5 {
                let weightA = a.connections.first { $0.innovation == gene.innovation }?.weight
                if gene.weight == weightA { fromA += 1 } else if gene.weight == -(weightA ?? 0) { fromB += 1 } else { Issue.record("weight \(gene.weight) from neither parent") }
            }
            for gene in child.connections where gene.innovation > 5 {
                #expect(gene.weight == b.connections.first { $0.innovation == gene.innovation }?.weight)
            }
        }
        #expect(fromA > 20 && fromB > 20)
        let other = NEATCrossover.child(fitter: a, other: b, disableRate: 0.75, rng: &rng)
        #expect(other.connections.map(\.innovation) == [1, 2, 3, 4, 5, 8])
    }

    @Test func aGeneDisabledInEitherParentFollowsTheDisableRate() {
        let (a, b) = Self.figureFourParents()
        var rng = SeededGenerator(seed: 4)
        let always = NEATCrossover.child(fitter: a, other: b, disableRate: 1, rng: &rng)
        #expect(always.connections.filter { !$0.enabled }.map(\.innovation) == [2, 5])
        let never = NEATCrossover.child(fitter: a, other: b, disableRate: 0, rng: &rng)
        #expect(never.connections.allSatisfy { $0.enabled })
        var disabled = 0
        for _ in 0..<400 where !NEATCrossover.child(fitter: a, other: b, disableRate: 0.75, rng: &rng).connections[1].enabled {
            disabled += 1
        }
        #expect((260...340).contains(disabled))
    }

    @Test func compatibilityDistanceFollowsTheFormula() {
        let (a, b) = Self.figureFourParents()
        var settings = NEATSettings()
        // Small genomes: N = 1. δ = 1·2 + 1·3 + 0.4·0.6.
        #expect(abs(settings.distance(a, b) - (2 + 3 + 0.4 * 0.6)) < 1e-12)
        settings.normalizeAbove = 0
        // N = 9 genes in the larger genome.
        #expect(abs(settings.distance(a, b) - (2.0 / 9 + 3.0 / 9 + 0.4 * 0.6)) < 1e-12)
        #expect(settings.distance(a, a) == 0)
    }

    @Test func speciationGroupsGenomesByDistanceToTheRepresentatives() {
        let (a, b) = Self.figureFourParents()
        var nearA = a
        nearA.updateConnection(at: 0) { $0.weight += 1 }   // δ(a, nearA) = 0.4 · 1/6
        let settings = NEATSettings()                      // δt = 3; δ(a, b) = 5.24
        let (species, nextID) = NEATSpeciation.assign([a, b, nearA, b], to: [], nextID: 7, generation: 0, settings: settings)
        #expect(species.map(\.id) == [7, 8])
        #expect(species.map(\.members) == [[0, 2], [1, 3]])
        #expect(nextID == 9)
        // An existing species keeps its id and takes whoever is close to its representative.
        let (again, _) = NEATSpeciation.assign([b, nearA], to: species, nextID: nextID, generation: 1, settings: settings)
        #expect(again.map(\.id) == [7, 8])
        #expect(again.map(\.members) == [[1], [0]])
    }

    @Test func theSameStructuralMutationInOneGenerationGetsTheSameNumbers() {
        let base = NEATGenome.minimal(inputs: 2, outputs: 1, outputActivation: .steepsigmoid) { Double($0) }
        var tracker = NEATInnovationTracker(inputs: 2, outputs: 1)
        var first = base, second = base
        #expect(NEATMutation.split(&first, at: 1, tracker: &tracker, activation: .steepsigmoid))
        #expect(NEATMutation.split(&second, at: 1, tracker: &tracker, activation: .steepsigmoid))
        #expect(first == second)
        #expect(first.connections.map(\.innovation) == [0, 1, 2, 3, 4])
        #expect(first.node(4)?.kind == .hidden)
        let link = tracker.connection(from: 0, to: 4)
        #expect(tracker.connection(from: 0, to: 4) == link)
        #expect(link == 5)
        tracker.startGeneration()
        var later = base
        #expect(NEATMutation.split(&later, at: 1, tracker: &tracker, activation: .steepsigmoid))
        #expect(later.node(5)?.kind == .hidden)
        #expect(later.connections.map(\.innovation) == [0, 1, 2, 6, 7])
        #expect(tracker.connection(from: 0, to: 4) == 8)
    }

    @Test func addNodeKeepsTheFunctionForALinearActivation() {
        let base = NEATGenome.minimal(inputs: 2, outputs: 1, outputActivation: .identity) { [0.7, -1.3, 0.4][$0] }
        var tracker = NEATInnovationTracker(inputs: 2, outputs: 1)
        var rng = SeededGenerator(seed: 9)
        var grown = base
        for _ in 0..<3 { #expect(NEATMutation.addNode(&grown, tracker: &tracker, activation: .identity, rng: &rng)) }
        #expect(grown.hiddenCount == 3)
        let split = grown.connections.filter { $0.weight == 1 && $0.enabled }
        #expect(split.count >= 3)
        let before = NEATNetwork(base), after = NEATNetwork(grown)
        for input in [[0.0, 0.0], [1, 0], [0.5, -2], [3, 7]] {
            #expect(abs(before.activate(input)[0] - after.activate(input)[0]) < 1e-12)
        }
    }

    @Test func addConnectionNeverClosesACycle() {
        var rng = SeededGenerator(seed: 5)
        var tracker = NEATInnovationTracker(inputs: 3, outputs: 2)
        var genome = NEATGenome.minimal(inputs: 3, outputs: 2, outputActivation: .tanh) { _ in 0.5 }
        for step in 0..<60 {
            if step % 3 == 0 { NEATMutation.addNode(&genome, tracker: &tracker, activation: .tanh, rng: &rng) }
            NEATMutation.addConnection(&genome, tracker: &tracker, weightStd: 1, rng: &rng)
            for gene in genome.connections { #expect(NEATGenome.isInputOrBias(genome.node(gene.to)?.kind) == false) }
        }
        #expect(NEATTopology.order(genome) != nil)
        #expect(genome.hiddenCount == 20)
    }
}

extension NEATGenome {
    static func isInputOrBias(_ kind: NEATNodeKind?) -> Bool { kind == .input || kind == .bias }
}
