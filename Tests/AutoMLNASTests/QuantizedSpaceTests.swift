import AutoMLJSON
import AutoMLNumerics
import AutoMLTrainer
import Testing
@testable import AutoMLNAS

/// A toy base space whose layer count depends on a decision: 1–3 hidden linear layers of 4 or 8
/// units on 6 features, then 3 classes.
struct ToyMLPSpace: ArchitectureSpace {
    let kind = "toy"
    let choices = [3, 2]
    let decisionNames = ["depth", "width"]
    func genotype(_ decisions: [Int]) -> JSON { ["depth": .int(Int64(decisions[0] + 1)), "width": .int(Int64(width(decisions)))] }
    func width(_ decisions: [Int]) -> Int { decisions[1] == 0 ? 4 : 8 }
    func model(_ decisions: [Int]) -> ModelDescription {
        var layers: [OperationSpec] = []
        for _ in 0...decisions[0] {
            layers.append(OperationSpec(.linear(units: width(decisions), bias: true)))
            layers.append(OperationSpec(.activation(.relu)))
        }
        layers.append(OperationSpec(.linear(units: 3, bias: true)))
        return ModelDescription(inputShape: [6], layers: layers)
    }
    var json: JSON { ["kind": "toy"] }
}

@Suite struct QuantizedSpaceTests {
    @Test func addsOneWidthDecisionPerLayerUpToTheProbedBound() {
        let space = QuantizedSpace(base: ToyMLPSpace())
        #expect(space.layers == 4)
        #expect(space.choices == [3, 2, 5, 5, 5, 5])
        #expect(space.decisionNames.suffix(2) == ["bits.layer2", "bits.layer3"])
        #expect(QuantizedSpace(base: ToyMLPSpace(), bits: [4, 8], layers: 6).choices == [3, 2, 2, 2, 2, 2, 2, 2])
    }

    @Test func architectureCarriesTheTrainingWidthsAndThePredictedSize() throws {
        let space = QuantizedSpace(base: ToyMLPSpace())
        // Depth 2 (three linear layers: 6→8, 8→8, 8→3), widths 2, 8, 32; the fourth decision is unused.
        let decisions = [1, 1, 0, 2, 4, 1]
        let wire = space.architecture(decisions).json
        #expect(wire["space"] == "quantized")
        #expect(wire["training"] == ["weightBits": [2, 8, 32]])
        #expect(wire["genotype"]?["weightBits"] == [2, 8, 32])
        #expect(wire["genotype"]?["architecture"] == ["depth": 2, "width": 8])
        let weights = (48 * 2 + 7) / 8 + 64 + 24 * 4, biases = 8 + 8 + 3
        #expect(wire["modelBytes"] == .int(Int64(weights + 4 * biases)))
        #expect(space.modelBytes(decisions) == weights + 4 * biases)
        // The trainer reads the widths back: the config decodes and the footprint agrees.
        let config = try TrainingConfig.decode(["weightBits": try #require(wire["training"]?["weightBits"])])
        let footprint = try ModelFootprint(space.model(decisions))
        try footprint.check(try #require(config.weightBits), path: "config.weightBits")
        #expect(footprint.bytes(config.weightBits) == weights + 4 * biases)
        #expect(Architecture.decisions(in: wire) == decisions)
    }

    @Test func mutationChangesExactlyOneDecision() {
        let space = QuantizedSpace(base: ToyMLPSpace())
        var rng = SeededGenerator(seed: 4)
        var baseChanges = 0, widthChanges = 0
        for _ in 0..<200 {
            let parent = space.sample(using: &rng)
            let child = space.mutate(parent, using: &rng)
            let changed = parent.indices.filter { parent[$0] != child[$0] }
            #expect(changed.count == 1)
            #expect(space.isValid(child))
            if changed.first ?? 0 < 2 { baseChanges += 1 } else { widthChanges += 1 }
        }
        #expect(baseChanges > 60 && widthChanges > 60)
    }

    @Test func isRegisteredAndWrapsAnySpace() throws {
        let space = try ArchitectureSpaces.make(
            ["kind": "quantized", "base": ["kind": "nasnet", "blocks": 1, "channels": 4], "bits": [4, 8]], path: "space")
        let quantized = try #require(space as? QuantizedSpace)
        #expect(quantized.base.kind == "nasnet")
        #expect(quantized.layers >= 1)
        #expect(space.json["bits"] == [4, 8])
        var rng = SeededGenerator(seed: 1)
        let decisions = space.sample(using: &rng)
        let bits = try #require(quantized.weightBits(decisions))
        #expect(bits.count == (try ModelFootprint(space.model(decisions)).layers.count))
        #expect(bits.allSatisfy { [4, 8, 32].contains($0) })
    }

    @Test(arguments: [
        (["kind": "quantized", "bits": [4, 4]] as JSON, "space.bits[1]"),
        (["kind": "quantized", "bits": [1, 8]] as JSON, "space.bits[0]"),
        (["kind": "quantized", "bits": []] as JSON, "space.bits"),
        (["kind": "quantized", "layers": 0] as JSON, "space.layers"),
        (["kind": "quantized", "base": ["kind": "quantized"]] as JSON, "space.base.kind"),
        (["kind": "quantized", "base": ["kind": "nasnet", "blocks": 0]] as JSON, "space.base.blocks"),
        (["kind": "quantized", "widths": [8]] as JSON, "space.widths"),
    ])
    func badOptionsNameTheirField(_ json: JSON, path: String) {
        let error = #expect(throws: JSONFieldError.self) { try ArchitectureSpaces.make(json, path: "space") }
        #expect(error?.path == path, "\(String(describing: error))")
    }
}
