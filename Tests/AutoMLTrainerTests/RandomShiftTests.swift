import AutoMLJSON
import AutoMLNumerics
import AutoMLTrainer
import Testing

@Suite struct RandomShiftTests {
    @Test func rollingMovesEachValueByTheOffsetAndWrapsTheTail() {
        let batch = Tensor(shape: [2, 5], scalars: [1, 2, 3, 4, 5, 10, 20, 30, 40, 50])
        let rolled = RandomShift.rolled(batch, length: 5, offsets: [1, -2])
        #expect(rolled.scalars == [5, 1, 2, 3, 4, 30, 40, 50, 10, 20])
    }

    @Test func everyChannelOfASampleRollsByTheSameOffset() {
        // One sample of two channels of length 3 ([2, 3] per sample).
        let batch = Tensor(shape: [1, 6], scalars: [1, 2, 3, 4, 5, 6])
        #expect(RandomShift.rolled(batch, length: 3, offsets: [4]).scalars == [3, 1, 2, 6, 4, 5])
        #expect(RandomShift.rolled(batch, length: 3, offsets: [0]).scalars == batch.scalars)
    }

    @Test func offsetsStayWithinTheBoundAndReachBothEnds() {
        var generator = SeededGenerator(seed: 5)
        let offsets = RandomShift.offsets(count: 500, maxShift: 3, generator: &generator)
        #expect(offsets.allSatisfy { (-3...3).contains($0) })
        #expect(Set(offsets) == Set(-3...3))
    }

    /// The label is the position of a single 1 among 4 features: a linear model learns it
    /// exactly, unless every training sample is rolled to a random position, which leaves
    /// nothing to learn. So the augmentation reaches the training inputs.
    @Test func shiftingTrainingSamplesDestroysAPositionalLabel() throws {
        var scalars: [Float] = [], labels: [Int] = []
        for row in 0..<80 {
            let label = row % 4
            labels.append(label)
            scalars += (0..<4).map { $0 == label ? 1 : 0 }
        }
        let rows = try #require(Dataset(features: Tensor(shape: [80, 4], scalars: scalars), labels: labels, classCount: 4))
        let data = TrainingData(DataSplits(train: rows, test: rows, classNames: ["0", "1", "2", "3"], featureNames: ["a", "b", "c", "d"]),
                                validationFraction: 0, seed: 0, standardize: false)
        var config = try TrainingConfig.decode(["epochs": 30, "batchSize": 8, "widths": [], "learningRate": 0.05, "seed": 2])
        let plain = try Trainer.train(config: config, data: data, options: TrainerOptions(latencyRuns: 0))
        config.randomShift = 2
        let shifted = try Trainer.train(config: config, data: data, options: TrainerOptions(latencyRuns: 0))
        let again = try Trainer.train(config: config, data: data, options: TrainerOptions(latencyRuns: 0))
        #expect(plain.testAccuracy == 1)
        #expect((shifted.history.last?.trainAccuracy ?? 1) < 0.6)
        #expect(shifted.testAccuracy == again.testAccuracy && shifted.history.last?.trainLoss == again.history.last?.trainLoss)
    }

    @Test func theShiftIsReadFromJSONAndANegativeOneIsRefusedByName() throws {
        #expect(try TrainingConfig.decode(["randomShift": 4]).randomShift == 4)
        #expect(throws: JSONFieldError.self) { try TrainingConfig.decode(["randomShift": -1]) }
        do {
            _ = try TrainingConfig.decode(["randomShift": -1])
        } catch {
            #expect(error.path == "config.randomShift")
        }
    }
}
