import AutoMLJSON
import AutoMLNumerics
import AutoMLTrainer
import Testing
@testable import AutoMLNAS

@Suite struct MnasNetSpaceTests {
    static let variants: [JSON] = [
        ["kind": "mnasnet", "channels": 4],
        ["kind": "mnasnet", "dimensions": 2, "channels": 4, "blocks": 3, "reductions": 3],
        ["kind": "mnasnet", "channels": 3, "blocks": 2, "reductions": 0, "widths": [0.5, 2.0], "inputShape": [2, 5], "classes": 4],
    ]

    @Test(arguments: 0..<variants.count)
    func everySampledArchitectureBuildsAndRunsForward(_ variant: Int) throws {
        let space = try ArchitectureSpaces.make(Self.variants[variant], path: "space")
        SpaceBuildSupport.buildsAndRuns(space, count: 50, seed: UInt64(variant))
    }

    @Test func decisionsRoundTripThroughTheGenotype() throws {
        let space = MnasNetSpace()
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<20 {
            let decisions = space.sample(using: &rng)
            #expect(try space.decisions(genotype: space.genotype(decisions)) == decisions)
        }
    }

    @Test func reductionsAreSpreadAndDoubleTheBaseChannels() throws {
        let space = MnasNetSpace()   // 4 blocks, 2 reductions, 16 channels
        #expect((0..<4).map(space.reduces) == [false, true, true, false])
        #expect((0..<4).map(space.baseChannels) == [16, 32, 64, 64])
        let five = try MnasNetSpace(json: ["kind": "mnasnet", "blocks": 3, "reductions": 3], path: "space")
        #expect((0..<3).map(five.reduces) == [true, true, true])
    }

    @Test func anIdentitySkipWrapsOnlyLayersThatKeepTheirShape() throws {
        let space = try MnasNetSpace(json: ["kind": "mnasnet", "blocks": 2, "reductions": 1, "channels": 8, "widths": [1.0]], path: "space")
        // Both blocks: conv, kernel 3, width 1.0, 2 layers, identity skip. Block 1 reduces.
        let model = space.model([0, 0, 0, 1, 1, 0, 0, 0, 1, 1])
        guard case .graph(let graph) = model.body else { Issue.record("not a graph"); return }
        let skips = graph.edges.filter { $0.operation == nil && $0.to.hasPrefix("block") }.map(\.to)
        // 8 → 8 twice in block 0; block 1's first layer halves and doubles, its second keeps.
        #expect(skips == ["block0.layer0", "block0.layer1", "block1.layer1"])
    }

    @Test(arguments: [
        (["kind": "mnasnet", "widths": [1.0, 1.0]] as JSON, "space.widths"),
        (["kind": "mnasnet", "blocks": 2, "reductions": 3] as JSON, "space.reductions"),
        (["kind": "mnasnet", "blocks": 13] as JSON, "space.blocks"),
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
