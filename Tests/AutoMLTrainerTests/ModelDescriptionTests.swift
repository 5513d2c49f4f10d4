import AutoMLJSON
import AutoMLTrainer
import Testing

@Suite struct ModelDescriptionTests {
    @Test func aLayerSequenceDecodesAndRoundTrips() throws {
        let json: JSON = ["inputShape": [1, 40], "layers": [
            ["type": "conv1d", "channels": 8, "kernel": 3, "dilation": 2, "padding": "same", "groups": 1],
            ["type": "batchnorm", "momentum": 0.2], ["type": "leakyrelu", "slope": 0.1], ["type": "maxpool1d", "kernel": 2],
            ["type": "dropout", "rate": 0.1], ["type": "flatten"], ["type": "linear", "units": 10, "name": "head", "bias": false],
        ]]
        let description = try ModelDescription.decode(json)
        #expect(description.inputShape == [1, 40])
        guard case .sequence(let layers) = description.body else { Issue.record("not a sequence"); return }
        #expect(layers.count == 7)
        #expect(layers[0].operation == .convolution(Convolution(rank: 1, channels: 8, kernel: [3], dilation: [2], padding: .same)))
        #expect(layers[6] == OperationSpec(.linear(units: 10, bias: false), name: "head"))
        #expect(try ModelDescription.decode(description.json) == description)
    }

    @Test func aGraphWithMixedOperationsDecodesAndRoundTrips() throws {
        let json: JSON = [
            "nodes": [["name": "a", "op": ["type": "linear", "units": 4]], ["name": "b", "combine": "concat"],
                      ["name": "out", "op": ["type": "linear", "units": 2]]],
            "edges": [["from": "input", "to": "a"],
                      ["from": "a", "to": "b", "op": ["type": "mixed", "alpha": "cell.alpha", "active": [0, 2],
                                                      "candidates": [["type": "relu"], ["type": "zero"], ["type": "sequence", "ops": [["type": "tanh"]]]]]],
                      ["from": "input", "to": "b"], ["from": "b", "to": "out"]],
            "output": "out",
        ]
        let description = try ModelDescription.decode(json)
        guard case .graph(let graph) = description.body else { Issue.record("not a graph"); return }
        #expect(graph.nodes.map(\.name) == ["a", "b", "out"])
        #expect(graph.nodes[1].combine == .concat)
        guard case .mixed(let mixed) = graph.edges[1].operation?.operation else { Issue.record("not mixed"); return }
        #expect(mixed.alpha == "cell.alpha" && mixed.active == [0, 2] && mixed.candidates.count == 3)
        #expect(try ModelDescription.decode(description.json) == description)
    }

    @Test(arguments: [
        (["layers": [["type": "relu"], ["type": "conv1d", "channels": 4, "kernel": 3, "dilatation": 2]]] as JSON, "model.layers[1].dilatation"),
        (["layers": [["type": "conv1d", "channels": 4]]] as JSON, "model.layers[0].kernel"),
        (["layers": [["type": "conv1d", "channels": 4, "kernel": 0]]] as JSON, "model.layers[0].kernel"),
        (["layers": [["type": "conv2d", "channels": 4, "kernel": [3, 3, 3]]]] as JSON, "model.layers[0].kernel"),
        (["layers": [["type": "maxpool1d", "kernel": 2, "padding": "full"]]] as JSON, "model.layers[0].padding"),
        (["layers": [["type": "dense", "units": 3]]] as JSON, "model.layers[0].type"),
        (["layers": [["type": "dropout", "rate": 1.5]]] as JSON, "model.layers[0].rate"),
        (["layers": [["type": "mixed", "candidates": [["type": "relu"]], "active": [1]]]] as JSON, "model.layers[0].active"),
        (["layers": [["type": "mixed", "candidates": [["type": "relu"]], "weights": [1, 2]]]] as JSON, "model.layers[0].weights"),
        (["layers": [] as JSON]  as JSON, "model.layers"),
        (["layers": [["type": "relu"]], "nodes": [] as JSON] as JSON, "model.layers"),
        (["nodes": [["name": "a", "combine": "max"]], "edges": [] as JSON] as JSON, "model.nodes[0].combine"),
        (["inputShape": [0, 4], "layers": [["type": "relu"]]] as JSON, "model.inputShape"),
    ])
    func malformedDescriptionsAreRejectedAtTheirPath(_ json: JSON, _ path: String) {
        #expect(throws: JSONFieldError.self) { try ModelDescription.decode(json) }
        do {
            _ = try ModelDescription.decode(json)
        } catch {
            #expect(error.path == path, "\(error)")
        }
    }
}
