import AutoMLTrainer
import Testing

@Suite struct OptimizerTests {
    func store(_ values: [Float]) throws -> ParameterStore {
        let model = try Trainer.model(for: .singleWeight(values.count), features: 1, classes: values.count)
        var store = model.parameters
        try store.setValue(Tensor(shape: [values.count, 1], scalars: values), named: "layers.0.weight")
        return store
    }

    func steps(_ optimizer: inout some Optimizer, _ store: inout ParameterStore, gradients: [[Float]], lr: Float = 0.1) -> [Float] {
        for g in gradients {
            optimizer.step(&store, gradients: [Tensor(shape: [g.count, 1], scalars: g)], learningRate: lr, momentum: nil)
        }
        return store["layers.0.weight"]?.scalars ?? []
    }

    @Test func sgdWithMomentumAndNesterovFollowTheirRecurrences() throws {
        var s = try store([1])
        var plain = SGD(momentum: 0, parameterCount: 1)
        #expect(steps(&plain, &s, gradients: [[2], [2]]) == [1 - 0.2 - 0.2])
        s = try store([1])
        var heavy = SGD(momentum: 0.5, parameterCount: 1)
        // b1 = 2, w = 0.8; b2 = 0.5·2 + 2 = 3, w = 0.5
        #expect(abs(steps(&heavy, &s, gradients: [[2], [2]])[0] - 0.5) < 1e-6)
        s = try store([1])
        var nesterov = SGD(momentum: 0.5, nesterov: true, parameterCount: 1)
        // step 1: b = 2, w −= 0.1·(2 + 1) → 0.7; step 2: b = 3, w −= 0.1·(2 + 1.5) → 0.35
        #expect(abs(steps(&nesterov, &s, gradients: [[2], [2]])[0] - 0.35) < 1e-6)
    }

    @Test func adamsFirstStepMovesEachWeightByTheLearningRate() throws {
        var s = try store([1, 1])
        var adam = Adam(parameterCount: 1)
        let w = steps(&adam, &s, gradients: [[3, -0.01]], lr: 0.1)
        #expect(abs(w[0] - 0.9) < 1e-5 && abs(w[1] - 1.1) < 1e-4)
    }

    @Test func rmspropDividesByTheRootMeanSquare() throws {
        var s = try store([1])
        var rmsprop = RMSprop(rho: 0.9, parameterCount: 1)
        // s = 0.1·4 = 0.4, w = 1 − 0.1·2/√0.4
        let expected: Float = 1 - 0.2 / Float(0.4).squareRoot()
        let w = steps(&rmsprop, &s, gradients: [[2]])
        #expect(abs(w[0] - expected) < 1e-5)
    }

    @Test func aRestoredStateContinuesExactlyLikeTheOriginal() throws {
        for kind in OptimizerKind.allCases {
            var config = TrainingConfig()
            config.optimizer = kind
            config.momentum = 0.5
            var first = makeOptimizer(for: config, parameterCount: 1)
            var s = try store([1, -1])
            _ = steps(&first, &s, gradients: [[1, 2], [-1, 0.5]])
            var second = makeOptimizer(for: config, parameterCount: 1)
            try second.restore(first.state(parameters: s), parameters: s)
            var a = s, b = s
            #expect(steps(&first, &a, gradients: [[0.3, -2]]) == steps(&second, &b, gradients: [[0.3, -2]]), "\(kind)")
        }
    }

    @Test func aStateForOtherParametersIsRejected() throws {
        var adam = Adam(parameterCount: 1)
        var s = try store([1])
        _ = steps(&adam, &s, gradients: [[1]])
        let other = try store([1, 2])
        #expect(throws: OptimizerStateError.self) { try adam.restore(adam.state(parameters: s), parameters: other) }
    }
}

extension TrainingConfig {
    /// A model with one weight matrix `[classes, 1]` and nothing else.
    static func singleWeight(_ classes: Int) -> TrainingConfig {
        var config = TrainingConfig()
        config.model = ModelDescription(layers: [OperationSpec(.linear(units: classes, bias: false))])
        return config
    }
}
