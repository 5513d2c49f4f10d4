import AutoMLJSON
import AutoMLNumerics
import AutoMLTrainer
import Testing
@testable import AutoMLNAS

@Suite struct HierarchicalSpaceTests {
    static let variants: [JSON] = [
        ["kind": "hierarchical", "channels": 4],
        ["kind": "hierarchical", "dimensions": 2, "channels": 4, "motifs": 2, "nodes": [3, 4], "reductions": 1],
        ["kind": "hierarchical", "channels": 2, "motifs": 3, "nodes": [5, 3], "reductions": 0, "cells": 2,
         "primitives": ["identity", "conv1", "maxpool3"], "inputShape": [2, 7], "classes": 3],
    ]

    @Test(arguments: 0..<variants.count)
    func everySampledArchitectureBuildsAndRunsForward(_ variant: Int) throws {
        let space = try ArchitectureSpaces.make(Self.variants[variant], path: "space")
        SpaceBuildSupport.buildsAndRuns(space, count: 50, seed: UInt64(variant))
    }

    @Test func theTrivialGenotypeIsChainsOfIdentitiesAndBuilds() throws {
        let space = try HierarchicalSpace(json: ["kind": "hierarchical", "nodes": [3, 3], "motifs": 1], path: "space")
        let genotype = space.genotype(space.trivialDecisions)
        #expect(genotype == ["motifs": [[[0, 1, "identity"], [1, 2, "identity"]]], "cell": [[0, 1, "identity"], [1, 2, "identity"]]])
        var generator = SeededGenerator(seed: 0)
        let model = try Model(space.model(space.trivialDecisions), features: 40, classes: 10, generator: &generator)
        // Stem, the two reductions' separable convolutions, the head: the cells add nothing.
        let withoutCells = 16 * 3 + 16 * 2 + 16 * 3 + 16 * 32 + 32 * 2 + 32 * 3 + 32 * 64 + 64 * 2 + 64 * 10 + 10
        #expect(model.parameters.parameterCount == withoutCells)
    }

    @Test func decisionsRoundTripThroughTheGenotype() throws {
        let space = HierarchicalSpace()
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<20 {
            let decisions = space.sample(using: &rng)
            #expect(try space.decisions(genotype: space.genotype(decisions)) == decisions)
        }
    }

    @Test func mutationChangesExactlyOneEdge() {
        let space = HierarchicalSpace()
        var rng = SeededGenerator(seed: 11)
        var parent = space.trivialDecisions
        var levels = Set<Bool>()
        for _ in 0..<200 {
            let child = space.mutate(parent, using: &rng)
            let changed = parent.indices.filter { parent[$0] != child[$0] }
            #expect(changed.count == 1)
            if let index = changed.first { levels.insert(index >= space.decisionIndex(motif: nil, edge: 0)) }
            #expect(space.isValid(child))
            parent = child
        }
        // Both levels are mutated.
        #expect(levels == [true, false])
    }

    @Test func aMotifWhoseOutputIsUnreachableIsTheIdentity() {
        // Nodes 0..3: edges (0,1) conv1, (1,2) none... the output 3 has no incoming edge.
        let graph = MotifGraph(nodes: 4, edges: [.operation(OperationSpec(.identity)), .none, .identity, .none, .none, .none])
        #expect(graph.operation(rank: 1, channels: 4) == nil)
        // A node that does not reach the output is dropped.
        let dangling = MotifGraph(nodes: 3, edges: [.identity, .identity, .none])
        #expect(dangling.liveNodes == [true, false, true])
    }

    @Test(arguments: [
        (["kind": "hierarchical", "nodes": [4]] as JSON, "space.nodes"),
        (["kind": "hierarchical", "primitives": ["conv1", "maxpool3"]] as JSON, "space.primitives"),
        (["kind": "hierarchical", "motifs": 0] as JSON, "space.motifs"),
        (["kind": "hierarchical", "blocks": 3] as JSON, "space.blocks"),
    ])
    func strictDecodingNamesTheBadField(_ json: JSON, _ path: String) {
        do {
            _ = try ArchitectureSpaces.make(json, path: "space")
            Issue.record("\(json) decoded")
        } catch {
            #expect(error.path == path)
        }
    }
}
