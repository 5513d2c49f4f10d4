import AutoMLTrainer
import Testing

@Suite struct TrainingRunTests {
    @Test func aRunAdvancesAnEpochAtATimeAndCanBeStopped() throws {
        let config = try Fixtures.config(["epochs": 4, "batchSize": 8, "widths": [8]])
        var run = try TrainingRun(config: config, data: Fixtures.data(), options: TrainerOptions(latencyRuns: 0))
        #expect(try run.trainEpoch()?.epoch == 1)
        #expect(try run.trainEpoch()?.epoch == 2)
        #expect(run.checkpoint().epochsCompleted == 2 && run.checkpoint().steps == run.state.steps)
        run.stop()
        #expect(run.isFinished)
        #expect(try run.trainEpoch() == nil)
        let result = run.finish()
        #expect(result.stopReason == .stoppedByCallback && result.epochsTrained == 2)
    }

    @Test func aRunWhoseBudgetIsSpentByItsCheckpointIsFinishedAtOnce() throws {
        let config = try Fixtures.config(["epochs": 2, "batchSize": 8, "widths": [8]])
        let directory = Fixtures.temporaryDirectory("spent")
        defer { FileBytes.remove(directory) }
        _ = try Trainer.train(config: config, data: Fixtures.data(), options: TrainerOptions(latencyRuns: 0, saveTo: directory))
        let run = try TrainingRun(config: config, data: Fixtures.data(), budget: .epochs(2),
                                  options: TrainerOptions(latencyRuns: 0, resumeFrom: directory))
        #expect(run.isFinished && run.history.count == 2)
        #expect(run.finish().testAccuracy != nil)
    }

    @Test func evaluationCountsCorrectRowsAndAveragesTheLoss() throws {
        let config = TrainingConfig.singleWeight(2)
        var model = try Trainer.model(for: config, features: 1, classes: 2)
        try model.parameters.setValue(Tensor(shape: [2, 1], scalars: [1, -1]), named: "layers.0.weight")
        // Scores (x, −x): class 0 wins for positive x.
        let data = try #require(Dataset(features: Tensor(shape: [4, 1], scalars: [1, 2, -1, 3]), labels: [0, 0, 0, 1], classCount: 2))
        var mse = config
        mse.loss = .mse
        let (loss, accuracy) = Evaluation.evaluate(model, on: data, config: mse, batchSize: 3)
        #expect(accuracy == 0.5)
        // per row Σ(s − onehot)² / 2: x=1: (0² + 1²)/2 … averaged over the rows
        let rows: [Double] = [(0 + 1) / 2, (1 + 4) / 2, (4 + 1) / 2, (9 + 16) / 2]
        #expect(abs(loss - rows.reduce(0, +) / 4) < 1e-6)
    }

    @Test func inheritedParametersReplaceFreshOnesByNameAndShape() throws {
        let data = Fixtures.data()
        var donorConfig = try Fixtures.config(["epochs": 1, "widths": [8, 8]])
        donorConfig.seed = 4
        let donor = try Trainer.train(config: donorConfig, data: data, options: TrainerOptions(latencyRuns: 0)).model
        let heir = try TrainingRun(config: try Fixtures.config(["epochs": 1, "widths": [8, 5]]), data: data,
                                   options: TrainerOptions(latencyRuns: 0, inheritedParameters: donor.parameters))
        #expect(heir.state.model.parameters["layers.0.weight"] == donor.parameters["layers.0.weight"])
        #expect(heir.state.model.parameters["layers.2.weight"]?.shape == [5, 8])  // the donor has [8, 8]: fresh
    }
}
