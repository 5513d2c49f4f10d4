import AutoMLJSON
import AutoMLNumerics
import AutoMLTrainer
import Testing
@testable import AutoMLNAS

@Suite struct NASNetCellSpaceTests {
    static let variants: [JSON] = [
        ["kind": "nasnet"],
        ["kind": "nasnet", "dimensions": 2, "channels": 4, "blocks": 3],
        ["kind": "nasnet", "reductions": 0, "blocks": 2, "channels": 4, "normalCells": 2],
        ["kind": "nasnet", "reductions": 1, "normalCells": 1, "channels": 4, "inputShape": [2, 9],
         "primitives": ["identity", "conv1", "conv7", "sepconv7", "dilconv5", "maxpool3"], "combiners": ["concat"]],
        ["kind": "nasnet", "dimensions": 2, "inputShape": [1, 5, 3], "channels": 2, "blocks": 5, "classes": 3],
    ]

    @Test(arguments: 0..<variants.count)
    func everySampledArchitectureBuildsAndRunsForward(_ variant: Int) throws {
        let space = try ArchitectureSpaces.make(Self.variants[variant], path: "space")
        SpaceBuildSupport.buildsAndRuns(space, count: 50, seed: UInt64(variant))
    }

    @Test func theDefaultIsAOneDimensionalSpaceForMNIST1D() throws {
        let space = try #require(try ArchitectureSpaces.make(nil, path: "space") as? NASNetCellSpace)
        #expect(space.inputShape == [1, 40])
        #expect(space.classes == 10)
        // Two cells of four blocks, five decisions each.
        #expect(space.choices.count == 40)
        #expect(Array(space.choices.prefix(5)) == [2, 8, 2, 8, 2])
        #expect(space.decisionNames[5] == "normal.block1.in0")
    }

    @Test func decisionsRoundTripThroughTheGenotype() throws {
        let space = try NASNetCellSpace(json: ["kind": "nasnet", "blocks": 3], path: "space")
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<20 {
            let decisions = space.sample(using: &rng)
            #expect(try space.decisions(genotype: space.genotype(decisions)) == decisions)
        }
    }

    @Test func theGenotypeNamesInputsOperationsAndCombiners() throws {
        let space = try NASNetCellSpace(json: ["kind": "nasnet", "blocks": 1, "reductions": 0,
                                               "primitives": ["identity", "conv3"], "combiners": ["add", "concat"]], path: "space")
        #expect(space.genotype([1, 1, 0, 0, 1]) == ["normal": [[1, "conv3", 0, "identity", "concat"]], "reduction": []])
    }

    @Test func theCellOutputConcatenatesTheBlocksNoOtherBlockReads() {
        let blocks = [
            NASNetCellSpace.Block(inputs: [0, 1], operations: [.identity, .identity], combiner: .add),
            NASNetCellSpace.Block(inputs: [0, 0], operations: [.identity, .identity], combiner: .add),
            NASNetCellSpace.Block(inputs: [2, 1], operations: [.identity, .identity], combiner: .add),
        ]
        #expect(NASNetCellSpace.unusedBlocks(blocks) == [1, 2])
    }

    @Test func aBadGenotypeEntryIsNamed() throws {
        let space = try NASNetCellSpace(json: ["kind": "nasnet", "blocks": 1, "reductions": 0], path: "space")
        let genotype: JSON = ["normal": [[0, "conv9", 1, "conv3", "add"]]]
        #expect(throws: JSONFieldError(path: "genotype.normal[0][1]",
                                       reason: "expected one of identity, conv3, conv5, sepconv3, sepconv5, dilconv3, maxpool3, avgpool3")) {
            try space.decisions(genotype: genotype)
        }
    }

    @Test(arguments: [
        (["kind": "nasnet", "blocks": 0] as JSON, "space.blocks"),
        (["kind": "nasnet", "dimensions": 3] as JSON, "space.dimensions"),
        (["kind": "nasnet", "primitives": ["conv3", "conv4"]] as JSON, "space.primitives[1]"),
        (["kind": "nasnet", "primitives": []] as JSON, "space.primitives"),
        (["kind": "nasnet", "combiners": ["add", "add"]] as JSON, "space.combiners[1]"),
        (["kind": "nasnet", "inputShape": [1, 8, 8]] as JSON, "space.inputShape"),
        (["kind": "nasnet", "reductions": 3] as JSON, "space.reductions"),
        (["kind": "nasnet", "channel": 8] as JSON, "space.channel"),
        (["kind": "nasnet", "classes": "ten"] as JSON, "space.classes"),
        (["kind": "resnet"] as JSON, "space.kind"),
        (["blocks": 3] as JSON, "space.kind"),
        ([1, 2] as JSON, "space"),
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
