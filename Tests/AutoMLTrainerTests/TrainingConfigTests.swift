import AutoMLJSON
import AutoMLTrainer
import Testing

@Suite struct TrainingConfigTests {
    @Test func anEmptyObjectGivesTheDefaults() throws {
        let config = try TrainingConfig.decode([:])
        #expect(config == TrainingConfig())
        #expect(config.optimizer == .adam && config.learningRate == 1e-3 && config.epochs == 20 && config.batchSize == 64)
        #expect(config.effectiveWeightDecay == 0 && config.effectiveMomentum == 0)
    }

    @Test func everyNamedHyperParameterIsAField() throws {
        let config = try TrainingConfig.decode([
            "learningRate": 0.1, "schedule": "cosine", "warmupEpochs": 2, "minLearningRate": 0.001, "loss": "crossentropy",
            "labelSmoothing": 0.1, "epochs": 7, "initialization": "kaiming_normal", "l1": 1e-5, "l2": 1e-4, "weightDecay": 0.02,
            "dropout": 0.3, "earlyStoppingPatience": 3, "layers": 3, "width": 32, "optimizer": "sgd", "momentum": 0.8,
            "nesterov": true, "batchSize": 16, "seed": 9, "activation": "gelu", "batchNorm": true,
        ])
        #expect(config.schedule == .cosine && config.warmupEpochs == 2 && config.initialization == .heNormal)
        #expect(config.optimizer == .sgd && config.effectiveMomentum == 0.8 && config.nesterov)
        #expect(config.earlyStoppingPatience == 3 && config.dropout == 0.3 && config.seed == 9)
        #expect(try TrainingConfig.decode(config.json) == config)
    }

    @Test func optimizerDependentDefaults() throws {
        #expect(try TrainingConfig.decode(["optimizer": "adamw"]).effectiveWeightDecay == 0.01)
        #expect(try TrainingConfig.decode(["optimizer": "sgd"]).effectiveMomentum == 0.9)
        #expect(try TrainingConfig.decode(["schedule": "exponential"]).effectiveGamma == 0.95)
        #expect(try TrainingConfig.decode(["schedule": "step"]).effectiveGamma == 0.1)
        #expect(try TrainingConfig.decode(["earlyStoppingPatience": 0]).earlyStoppingPatience == nil)
    }

    @Test(arguments: [
        (["learningRat": 0.1] as JSON, "config.learningRat"),
        (["learningRate": -1] as JSON, "config.learningRate"),
        (["learningRate": "fast"] as JSON, "config.learningRate"),
        (["optimizer": "lbfgs"] as JSON, "config.optimizer"),
        (["schedule": "cyclic"] as JSON, "config.schedule"),
        (["initialization": "zeros"] as JSON, "config.initialization"),
        (["batchSize": 0] as JSON, "config.batchSize"),
        (["epochs": 2.5] as JSON, "config.epochs"),
        (["dropout": 1] as JSON, "config.dropout"),
        (["labelSmoothing": 1] as JSON, "config.labelSmoothing"),
        (["widths": [8, 0]] as JSON, "config.widths"),
        (["model": ["layers": [["type": "relu", "slope": 2]]]] as JSON, "config.model.layers[0].slope"),
    ])
    func badMembersAreErrorsAtTheirPath(_ json: JSON, _ path: String) {
        do {
            _ = try TrainingConfig.decode(json)
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.path == path, "\(error)")
        }
    }

    @Test func theArchitectureBuilderMakesMLPsAndCNNs() throws {
        var config = try TrainingConfig.decode(["widths": [16, 8], "batchNorm": true, "dropout": 0.2, "activation": "tanh"])
        let mlp = try ArchitectureBuilder.description(for: config, features: 4, classes: 3)
        guard case .sequence(let layers) = mlp.body else { Issue.record("not a sequence"); return }
        #expect(layers.map(\.operation) == [
            .linear(units: 16, bias: true), .batchNorm(momentum: 0.1, epsilon: 1e-5, affine: true), .activation(.tanh), .dropout(rate: nil),
            .linear(units: 8, bias: true), .batchNorm(momentum: 0.1, epsilon: 1e-5, affine: true), .activation(.tanh), .dropout(rate: nil),
            .linear(units: 3, bias: true),
        ])
        config = try TrainingConfig.decode(["architecture": "cnn2d", "layers": 2, "width": 4, "pooling": "max", "head": "globalavg"])
        let cnn = try ArchitectureBuilder.description(for: config, features: 64, classes: 10)
        #expect(cnn.inputShape == [1, 8, 8])
        let model = try Trainer.model(for: config, features: 64, classes: 10)
        #expect(model.outputShape == [10])
        #expect(throws: JSONFieldError.self) { try ArchitectureBuilder.description(for: config, features: 40, classes: 10) }
    }
}
