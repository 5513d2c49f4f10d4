import AutoMLJSON
import AutoMLTrainer
import Testing

@Suite struct TrainerTests {
    @Test func anMLPOverfitsThirtyTwoSamples() throws {
        let data = TrainingData(DataSplits(train: Fixtures.blobs(rows: 32, spread: 2), test: nil, classNames: [], featureNames: []),
                                validationFraction: 0)
        let config = try Fixtures.config(["epochs": 60, "batchSize": 8, "learningRate": 0.01, "widths": [32]])
        let result = try Trainer.train(config: config, data: data, options: TrainerOptions(latencyRuns: 0))
        #expect(result.history.last?.trainAccuracy == 1)
        #expect((result.history.last?.trainLoss ?? 1) < (result.history.first?.trainLoss ?? 0))
    }

    @Test(arguments: OptimizerKind.allCases)
    func everyOptimizerLowersTheLoss(_ optimizer: OptimizerKind) throws {
        let config = try Fixtures.config(["epochs": 6, "batchSize": 8, "widths": [16], "optimizer": .string(optimizer.rawValue),
                                          "learningRate": optimizer == .sgd ? 0.05 : 0.01])
        let result = try Trainer.train(config: config, data: Fixtures.data(), options: TrainerOptions(latencyRuns: 0))
        #expect((result.history.last?.trainLoss ?? 9) < (result.history.first?.trainLoss ?? 0))
    }

    @Test(arguments: [
        ["loss": "hinge", "schedule": "step", "stepSize": 2] as JSON,
        ["loss": "mse", "schedule": "exponential"] as JSON,
        ["loss": "crossentropy", "labelSmoothing": 0.1, "schedule": "cosine", "warmupEpochs": 1] as JSON,
        ["schedule": "onecycle", "batchNorm": true, "dropout": 0.2, "l1": 1e-4, "l2": 1e-3, "weightDecay": 0.01] as JSON,
        ["architecture": "cnn1d", "layers": 1, "width": 4, "dilated": true, "pooling": "avg", "initialization": "orthogonal"] as JSON,
    ])
    func lossesSchedulesAndRegularizersTrain(_ extra: JSON) throws {
        var json: JSONObject = ["epochs": 5, "batchSize": 8, "widths": [16], "learningRate": 0.01]
        for (key, value) in extra.objectValue ?? [:] { json[key] = value }
        let result = try Trainer.train(config: try Fixtures.config(.object(json)), data: Fixtures.data(),
                                       options: TrainerOptions(latencyRuns: 0))
        #expect((result.history.last?.trainLoss ?? 9) < (result.history.first?.trainLoss ?? 0))
        #expect(result.history.allSatisfy { $0.trainLoss.isFinite })
    }

    @Test func theSameSeedGivesIdenticalResultsAndAnotherSeedDoesNot() throws {
        let config = try Fixtures.config(["epochs": 3, "batchSize": 8, "widths": [16], "dropout": 0.3, "seed": 5])
        let data = Fixtures.data()
        let a = try Trainer.train(config: config, data: data, options: TrainerOptions(latencyRuns: 0))
        let b = try Trainer.train(config: config, data: data, options: TrainerOptions(latencyRuns: 0))
        #expect(a.history.map(\.trainLoss) == b.history.map(\.trainLoss))
        #expect(a.history.map(\.validationLoss) == b.history.map(\.validationLoss))
        #expect(a.model.parameters == b.model.parameters)
        var other = config
        other.seed = 6
        let c = try Trainer.train(config: other, data: data, options: TrainerOptions(latencyRuns: 0))
        #expect(c.history.map(\.trainLoss) != a.history.map(\.trainLoss))
    }

    @Test func resumingFromACheckpointContinuesExactlyAsAnUninterruptedRun() throws {
        let config = try Fixtures.config(["epochs": 4, "batchSize": 8, "widths": [16], "dropout": 0.2, "batchNorm": true,
                                          "schedule": "onecycle", "optimizer": "sgd"])
        let data = Fixtures.data()
        let directory = Fixtures.temporaryDirectory("resume")
        defer { FileBytes.remove(directory) }
        let straight = try Trainer.train(config: config, data: data, options: TrainerOptions(latencyRuns: 0))
        let first = try Trainer.train(config: config, data: data, budget: .epochs(2), options: TrainerOptions(latencyRuns: 0, saveTo: directory))
        #expect(first.epochsTrained == 2 && Checkpoint.exists(at: directory))
        let resumed = try Trainer.train(config: config, data: data, budget: .epochs(4),
                                        options: TrainerOptions(latencyRuns: 0, resumeFrom: directory))
        #expect(resumed.history.map(\.trainLoss) == straight.history.map(\.trainLoss))
        #expect(resumed.model.parameters == straight.model.parameters)
        #expect(resumed.testAccuracy == straight.testAccuracy)
    }

    @Test func aCheckpointOfAnotherModelOrACorruptOneIsAnError() throws {
        let data = Fixtures.data()
        let directory = Fixtures.temporaryDirectory("mismatch")
        defer { FileBytes.remove(directory) }
        _ = try Trainer.train(config: try Fixtures.config(["epochs": 1, "widths": [8]]), data: data,
                              options: TrainerOptions(latencyRuns: 0, saveTo: directory))
        #expect(throws: TrainingError.self) {
            try Trainer.train(config: try Fixtures.config(["epochs": 2, "widths": [9]]), data: data,
                              options: TrainerOptions(latencyRuns: 0, resumeFrom: directory))
        }
        let tensors = directory + "/tensors.bin"
        var bytes = try #require(FileBytes.read(tensors))
        bytes[bytes.count / 2] ^= 0xFF
        try FileBytes.write(bytes, to: tensors)
        #expect(throws: CheckpointError.self) { try Checkpoint.load(from: directory) }
        #expect(throws: CheckpointError.self) { try Checkpoint.load(from: directory + "-missing") }
    }

    @Test func budgetsLimitEpochsOrTrainingRows() throws {
        let config = try Fixtures.config(["epochs": 3, "batchSize": 4, "widths": [8]])
        let data = Fixtures.data()
        let short = try Trainer.train(config: config, data: data, budget: .epochs(1), options: TrainerOptions(latencyRuns: 0))
        #expect(short.epochsTrained == 1)
        let counted = try Trainer.train(config: config, data: data, budget: .dataFraction(0.25), options: TrainerOptions(latencyRuns: 0))
        #expect(counted.epochsTrained == 3)
        let full = try Trainer.train(config: config, data: data, options: TrainerOptions(latencyRuns: 0))
        #expect(counted.history.map(\.trainLoss) != full.history.map(\.trainLoss))
    }

    @Test func earlyStoppingStopsAfterThePatienceAndKeepsTheBestWeights() throws {
        // A learning rate far too large makes the validation loss worsen quickly.
        let config = try Fixtures.config(["epochs": 30, "batchSize": 4, "widths": [16], "learningRate": 3, "optimizer": "sgd",
                                          "momentum": 0.9, "earlyStoppingPatience": 2])
        let result = try Trainer.train(config: config, data: Fixtures.data(), options: TrainerOptions(latencyRuns: 0))
        #expect(result.stopReason == .earlyStopping)
        let best = try #require(result.bestEpoch)
        #expect(result.epochsTrained == best + 2)
        let bestLoss = try #require(result.history[best - 1].validationLoss)
        #expect(abs((result.validationLoss ?? .nan) - bestLoss) < 1e-9)
    }

    @Test func theCallbackCanStopAndCancellationAbandonsTheEpoch() throws {
        let config = try Fixtures.config(["epochs": 5, "batchSize": 4, "widths": [8]])
        let data = Fixtures.data()
        var seen: [Int] = []
        let stopped = try Trainer.train(config: config, data: data, options: TrainerOptions(latencyRuns: 0)) { epoch in
            seen.append(epoch.epoch)
            return epoch.epoch == 2 ? .stop : .proceed
        }
        #expect(seen == [1, 2] && stopped.stopReason == .stoppedByCallback && stopped.testAccuracy == nil)
        var batches = 0
        let cancelled = try Trainer.train(config: config, data: data, options: TrainerOptions(latencyRuns: 0), shouldStop: {
            batches += 1
            return batches > 12
        })
        #expect(cancelled.stopReason == .cancelled && cancelled.epochsTrained == 1 && cancelled.testAccuracy == nil)
    }

    @Test func theResultReportsSizeCostLatencyAndTestMetrics() throws {
        let config = try Fixtures.config(["epochs": 1, "widths": [8]])
        let result = try Trainer.train(config: config, data: Fixtures.data(), options: TrainerOptions(latencyRuns: 3))
        #expect(result.parameterCount == 4 * 8 + 8 + 8 * 3 + 3)
        #expect(result.multiplyAccumulates == 4 * 8 + 8 * 3)
        #expect((result.latencyMilliseconds ?? 0) > 0)
        #expect(result.testAccuracy != nil && result.validationAccuracy != nil)
        let json = result.json
        #expect(json["parameters"] == 67 && json["stopReason"] == "completed" && json["history"]?.arrayValue?.count == 1)
    }

    @Test func aModelThatDoesNotFitTheDataIsAnErrorWithItsPath() throws {
        let config = try Fixtures.config(["model": ["layers": [["type": "linear", "units": 7]]]])
        do {
            _ = try Trainer.train(config: config, data: Fixtures.data())
            Issue.record("trained a model with the wrong output")
        } catch {
            guard case .model(let field) = error else { Issue.record("\(error)"); return }
            #expect(field.path == "config.model")
        }
    }
}
