import AutoMLJSON
import AutoMLNumerics
import AutoMLTrainer
import Testing

/// Post-training weight quantization (`weightBits`) and the `modelBytes` metric.
@Suite struct QuantizationTests {
    @Test func eightBitWeightsStayWithinHalfAStepOfTheOriginals() {
        var generator = SeededGenerator(seed: 11)
        let original = Tensor(shape: [40, 25], scalars: (0..<1000).map { _ in Float(generator.nextGaussian()) })
        let largest = original.scalars.map { Double(abs($0)) }.max() ?? 0
        let step = WeightQuantization.step(maxMagnitude: largest, bits: 8)
        #expect(abs(step - largest / 127) < 1e-12)
        let quantized = WeightQuantization.quantize(original, bits: 8)
        for (q, w) in zip(quantized.scalars, original.scalars) {
            #expect(abs(Double(q) - Double(w)) <= step / 2 * (1 + 1e-5))
            let level = Double(q) / step
            #expect(abs(level - level.rounded()) < 1e-3)
        }
        #expect(Set(quantized.scalars).count <= 255)
        #expect(WeightQuantization.quantize(original, bits: 32) == original)
        #expect(WeightQuantization.quantize(Tensor(zeros: [3]), bits: 2) == Tensor(zeros: [3]))
    }

    @Test func twoBitsLeaveThreeLevels() {
        let tensor = Tensor(shape: [5], scalars: [-1, -0.6, 0.2, 0.49, 0.8])
        #expect(WeightQuantization.quantize(tensor, bits: 2).scalars == [-1, -1, 0, 0, 1])
    }

    @Test func modelBytesCountWeightsAtTheirWidthAndEverythingElseAtFourBytes() throws {
        // linear 4 → 3 (12 weights, 3 biases), batch norm (3 scales, 3 shifts), linear 3 → 2 (6 weights, 2 biases):
        // 11 parameters that stay 32-bit.
        let description = try ModelDescription.decode(["inputShape": [4], "layers": [
            ["type": "linear", "units": 3], ["type": "batchnorm"], ["type": "linear", "units": 2],
        ]])
        let footprint = try ModelFootprint(description)
        #expect(footprint.layers.map(\.name) == ["layers.0.weight", "layers.2.weight"])
        #expect(footprint.layers.map(\.parameters) == [12, 6])
        #expect(footprint.otherParameters == 11)
        #expect(footprint.bytes() == 4 * (12 + 6 + 11))
        #expect(footprint.bytes(.perLayer([8, 2])) == 12 + 2 + 44)
        #expect(footprint.bytes(.all(4)) == 6 + 3 + 44)
        #expect(footprint.bytes(.perLayer([8, 2, 16, 16])) == 12 + 2 + 44, "extra entries are ignored")
        #expect(throws: JSONFieldError.self) { try footprint.check(.perLayer([8]), path: "config.weightBits") }
    }

    @Test func weightBitsReadsAnIntegerOrAnArrayAndRejectsOtherWidths() throws {
        #expect(try Fixtures.config(["weightBits": 8]).weightBits == .all(8))
        #expect(try Fixtures.config(["weightBits": [2, 32]]).weightBits == .perLayer([2, 32]))
        #expect(try Fixtures.config(["weightBits": [4]]).json["weightBits"] == [4])
        for bad: JSON in [1, 33, [], [8, 64], "8"] {
            let error = #expect(throws: JSONFieldError.self) { try Fixtures.config(["weightBits": bad]) }
            #expect(error?.path == "config.weightBits")
        }
    }

    @Test func tooFewWidthsAreAnErrorNamingTheField() throws {
        let config = try Fixtures.config(["epochs": 1, "widths": [8, 8], "weightBits": [8, 8]])
        let error = #expect(throws: TrainingError.self) {
            _ = try Trainer.train(config: config, data: Fixtures.data(), options: TrainerOptions(latencyRuns: 0))
        }
        guard case .model(let field)? = error else {
            Issue.record("expected a model error, got \(String(describing: error))")
            return
        }
        #expect(field.path == "config.weightBits")
        #expect(field.reason.contains("3 linear and convolution layers"))
    }

    @Test func twoBitWeightsLoseAccuracyThatEightBitsKeep() throws {
        let splits = DataSplits(train: Fixtures.blobs(rows: 240, features: 8, classes: 6, spread: 2.5),
                                test: Fixtures.blobs(rows: 120, features: 8, classes: 6, seed: 1, spread: 2.5),
                                classNames: (0..<6).map(String.init), featureNames: (0..<8).map { "f\($0)" })
        let data = TrainingData(splits, validationFraction: 0.25, seed: 3)
        func train(_ bits: JSON?) throws -> TrainingResult {
            var json: JSONObject = ["epochs": 15, "batchSize": 16, "learningRate": 0.01, "widths": [32]]
            if let bits { json["weightBits"] = bits }
            return try Trainer.train(config: try Fixtures.config(.object(json)), data: data, options: TrainerOptions(latencyRuns: 0))
        }
        let full = try train(nil), eight = try train(8), two = try train(2)
        let accuracy = { (result: TrainingResult) in result.testAccuracy ?? 0 }
        #expect(accuracy(full) > 0.8)
        #expect(abs(accuracy(eight) - accuracy(full)) <= 0.05)
        #expect(accuracy(two) < accuracy(full) - 0.05, "2-bit \(accuracy(two)) vs 32-bit \(accuracy(full))")
        // Same training, different final weights: the history is the float run's.
        #expect(two.history.map(\.trainLoss) == full.history.map(\.trainLoss))
        #expect(full.modelBytes == 4 * full.parameterCount)
        let weights = 8 * 32 + 32 * 6, others = 32 + 6
        #expect(two.modelBytes == weights * 2 / 8 + 4 * others)
        #expect(two.json["modelBytes"] == .int(Int64(two.modelBytes)))
    }
}
