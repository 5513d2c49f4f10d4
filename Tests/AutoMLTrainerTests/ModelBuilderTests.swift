import AutoMLJSON
import AutoMLNumerics
import AutoMLTrainer
import Testing

@Suite struct ModelBuilderTests {
    func build(_ json: JSON, features: Int = 8, classes: Int = 3) throws -> Model {
        var generator = SeededGenerator(seed: 0)
        return try Model(try ModelDescription.decode(json), features: features, classes: classes, generator: &generator)
    }

    func buildError(_ json: JSON, features: Int = 8, classes: Int = 3) -> JSONFieldError? {
        do {
            _ = try build(json, features: features, classes: classes)
            return nil
        } catch {
            return error as? JSONFieldError
        }
    }

    @Test func theReferenceModelsHaveTheirKnownSizeAndCost() throws {
        var mlp = TrainingConfig()
        mlp.widths = [256, 256]
        let mlpModel = try Trainer.model(for: mlp, features: 64, classes: 10)
        #expect(mlpModel.parameters.parameterCount == 85_002)
        #expect(mlpModel.multiplyAccumulates == 64 * 256 + 256 * 256 + 256 * 10)
        let cnn = ReferenceModel.cnn1d.config
        let cnnModel = try Trainer.model(for: cnn, features: 40, classes: 10)
        #expect(cnnModel.parameters.parameterCount == 63_434)  // as PyTorch counts the same network
        #expect(cnnModel.multiplyAccumulates == 64 * 40 * 3 + 3 * 64 * 40 * 64 * 3 + 2560 * 10)
        #expect(cnnModel.parameters.statistics.count == 4)
    }

    @Test func shapeInferenceThroughConvolutionPoolingAndReshape() throws {
        let model = try build(["inputShape": [2, 4, 4], "layers": [
            ["type": "conv2d", "channels": 6, "kernel": 3, "stride": 2, "padding": 1, "groups": 2],
            ["type": "avgpool2d", "kernel": 2], ["type": "reshape", "shape": [6]], ["type": "linear", "units": 3],
        ]], features: 32)
        #expect(model.inputShape == [2, 4, 4])
        #expect(model.parameters["layers.0.weight"]?.shape == [6, 1, 3, 3])
        // conv: 6 channels × 2×2 positions × (1 × 9) taps; linear 6 × 3
        #expect(model.multiplyAccumulates == 6 * 4 * 9 + 18)
        let scores = model.predict(Tensor(zeros: [5, 32]))
        #expect(scores.shape == [5, 3])
    }

    @Test(arguments: [
        (["layers": [["type": "conv1d", "channels": 4, "kernel": 3]]] as JSON, "model.layers[0]"),
        (["inputShape": [1, 8], "layers": [["type": "conv1d", "channels": 4, "kernel": 3], ["type": "linear", "units": 3]]] as JSON,
         "model.layers[1]"),
        (["inputShape": [1, 8], "layers": [["type": "conv1d", "channels": 4, "kernel": 9]]] as JSON, "model.layers[0]"),
        (["inputShape": [2, 4], "layers": [["type": "conv1d", "channels": 3, "kernel": 1, "groups": 2]]] as JSON, "model.layers[0]"),
        (["layers": [["type": "linear", "units": 5]]] as JSON, "model"),
        (["inputShape": [3, 3], "layers": [["type": "linear", "units": 3]]] as JSON, "model.inputShape"),
        (["layers": [["type": "reshape", "shape": [3, 3]]]] as JSON, "model.layers[0]"),
        (["layers": [["type": "linear", "units": 3, "name": "w"], ["type": "linear", "units": 3, "name": "w"]]] as JSON,
         "model.layers[1]"),
        (["layers": [["type": "linear", "units": 20_000], ["type": "linear", "units": 20_000]]] as JSON, "model.layers[1]"),
        (["inputShape": [1_048_576, 1_048_576, 1_048_576, 1_048_576], "layers": [["type": "relu"]]] as JSON, "model.inputShape"),
        (["inputShape": [1, 8], "layers": [["type": "conv1d", "channels": 1_048_576, "kernel": 1_048_576, "padding": 1_048_576]]] as JSON,
         "model.layers[0]"),
    ])
    func operationsThatDoNotFitTheirInputAreErrorsAtTheirPath(_ json: JSON, _ path: String) {
        let error = buildError(json)
        #expect(error?.path == path, "\(String(describing: error))")
    }

    @Test func operationsWithTheSameNameShareOneParameter() throws {
        let model = try build(["layers": [
            ["type": "linear", "units": 8, "name": "shared"], ["type": "relu"],
            ["type": "linear", "units": 8, "name": "shared"], ["type": "linear", "units": 3],
        ]])
        #expect(model.parameters.names == ["shared.weight", "shared.bias", "layers.3.weight", "layers.3.bias"])
        let tape = Tape()
        var generator = SeededGenerator(seed: 1)
        let pass = model.forward(Tensor(shape: [2, 8], repeating: 0.5), tape: tape, training: true, generator: &generator)
        tape.backward(from: pass.output.sum())
        #expect(pass.gradient(named: "shared.weight") != nil)
    }

    @Test func graphNodesSumAndConcatenateTheirIncomingEdges() throws {
        let model = try build([
            "nodes": [["name": "a", "op": ["type": "identity"]], ["name": "sum"], ["name": "cat", "combine": "concat"],
                      ["name": "out", "op": ["type": "linear", "units": 3, "bias": false]]],
            "edges": [["from": "input", "to": "a"], ["from": "a", "to": "sum"], ["from": "input", "to": "sum", "op": ["type": "relu"]],
                      ["from": "sum", "to": "cat"], ["from": "input", "to": "cat"], ["from": "cat", "to": "out"]],
        ], features: 2)
        #expect(model.parameters["out.weight"]?.shape == [3, 4])
        // With the weight set to pick each concatenated value, the output shows the sums.
        var copy = model
        try copy.parameters.setValue(Tensor(shape: [3, 4], scalars: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]), named: "out.weight")
        let scores = copy.predict(Tensor(shape: [1, 2], scalars: [2, -3]))
        #expect(scores.scalars == [4, -3, 2])  // x + relu(x) = (4, −3), then x₀ = 2
    }

    @Test(arguments: [
        (["nodes": [["name": "a"], ["name": "b", "op": ["type": "linear", "units": 3]]],
          "edges": [["from": "b", "to": "a"], ["from": "a", "to": "b"]]] as JSON, "model.edges[0].from"),
        (["nodes": [["name": "a", "op": ["type": "linear", "units": 3]]], "edges": [] as JSON] as JSON, "model.nodes[0]"),
        (["nodes": [["name": "input", "op": ["type": "linear", "units": 3]]], "edges": [] as JSON] as JSON, "model.nodes[0].name"),
        (["nodes": [["name": "a", "op": ["type": "linear", "units": 3]]],
          "edges": [["from": "input", "to": "a"], ["from": "input", "to": "z"]]] as JSON, "model.edges[1].to"),
        (["nodes": [["name": "a", "op": ["type": "linear", "units": 3]]], "edges": [["from": "input", "to": "a"]],
          "output": "nowhere"] as JSON, "model.output"),
        (["nodes": [["name": "h", "op": ["type": "linear", "units": 5]], ["name": "a"], ["name": "o", "op": ["type": "linear", "units": 3]]],
          "edges": [["from": "input", "to": "h"], ["from": "h", "to": "a"], ["from": "input", "to": "a"], ["from": "a", "to": "o"]]] as JSON,
         "model.nodes[1]"),
    ])
    func malformedGraphsAreErrorsAtTheirPath(_ json: JSON, _ path: String) {
        let error = buildError(json)
        #expect(error?.path == path, "\(String(describing: error))")
    }

    @Test func aMixedOperationWeighsItsCandidatesBySoftmaxAndGivesAlphaAGradient() throws {
        let model = try build(["layers": [
            ["type": "mixed", "alpha": "cell.alpha", "alphaInit": [0, 1.0986123],  // softmax → (0.25, 0.75)
             "candidates": [["type": "identity"], ["type": "relu"]]],
            ["type": "linear", "units": 2, "name": "head", "frozen": true],
        ]], features: 2, classes: 2)
        var copy = model
        try copy.parameters.setValue(Tensor(shape: [2, 2], scalars: [1, 0, 0, 1]), named: "head.weight")
        let scores = copy.predict(Tensor(shape: [1, 2], scalars: [2, -4]))
        #expect(abs(scores.scalars[0] - 2) < 1e-5 && abs(scores.scalars[1] - -1) < 1e-5)
        let tape = Tape()
        var generator = SeededGenerator(seed: 0)
        let pass = copy.forward(Tensor(shape: [1, 2], scalars: [2, -4]), tape: tape, training: true, generator: &generator)
        tape.backward(from: pass.output.sum())
        let alpha = try #require(pass.gradient(named: "cell.alpha"))
        // d/dα of Σ_i w_i·s_i with s = (sum of identity, sum of relu) = (−2, 2): w_i (s_i − Σ w s)
        #expect(abs(alpha.scalars[0] - 0.25 * (-2 - 1)) < 1e-5 && abs(alpha.scalars[1] - 0.75 * (2 - 1)) < 1e-5)
        #expect(pass.gradient(named: "head.weight") == nil)  // frozen
        #expect(copy.parameters.entries.first { $0.name == "cell.alpha" }?.role == .architecture)
        #expect(copy.parameters.parameterCount == 6)  // the head; α is not model size
    }

    @Test func aSampledPathRunsOnlyItsActiveCandidatesAndFixedWeightsNeedNoAlpha() throws {
        let sampled = try build(["layers": [
            ["type": "mixed", "active": [1], "candidates": [["type": "linear", "units": 3], ["type": "linear", "units": 3]]],
        ]])
        #expect(sampled.multiplyAccumulates == 8 * 3)  // one of the two candidates runs
        #expect(sampled.parameters.names.contains("layers.0.0.weight"))  // but every candidate has its weights
        let fixed = try build(["layers": [
            ["type": "mixed", "weights": [1, 0], "candidates": [["type": "linear", "units": 3, "name": "p"], ["type": "linear", "units": 3]]],
        ]])
        #expect(!fixed.parameters.names.contains { $0.hasSuffix("alpha") })
        let input = Tensor(shape: [1, 8], repeating: 1)
        let tape = Tape(recordsGradients: false)
        let weight = try #require(fixed.parameters["p.weight"]), bias = try #require(fixed.parameters["p.bias"])
        let expected = tape.constant(input).linear(weight: tape.constant(weight), bias: tape.constant(bias)).value
        #expect(fixed.predict(input) == expected)
    }

    @Test func candidatesOfDifferentShapesAreRejected() {
        let error = buildError(["layers": [
            ["type": "mixed", "candidates": [["type": "linear", "units": 3], ["type": "identity"]]],
        ]])
        #expect(error?.path == "model.layers[0].candidates[1]")
    }
}
