/// The two networks the trainer is measured with, against PyTorch (`benchmarks/torch_trainer.py`
/// builds the same ones): `automl bench trainer` times their training and trains them to
/// their reference accuracy.
public enum ReferenceModel: String, Sendable, CaseIterable {
    /// 64-256-256-10, ReLU; Adam 1e-3. Reference run: digits, batch 64, 60 epochs.
    case mlp
    /// 4 convolutions, 64 channels, kernel 3, dilations 1-2-4-8, "same" padding, batch norm,
    /// ReLU, a linear classifier on the flattened 64 × 40 maps (63,434 parameters); AdamW,
    /// weight decay 0.01. Reference run: MNIST-1D, one-cycle to 3e-3, batch 100, 40 epochs.
    case cnn1d

    /// The model's training config for throughput measurements (constant learning rate).
    public var config: TrainingConfig {
        var config = TrainingConfig()
        switch self {
        case .mlp:
            config.widths = [256, 256]
            config.learningRate = 1e-3
        case .cnn1d:
            config.architecture = .cnn1d
            config.layers = 4
            config.width = 64
            config.dilated = true
            config.batchNorm = true
            config.optimizer = .adamw
            config.weightDecay = 0.01
            config.learningRate = 1e-3
        }
        return config
    }

    /// The config of the reference accuracy run.
    public var accuracyConfig: TrainingConfig {
        var config = self.config
        switch self {
        case .mlp:
            config.epochs = 60
            config.batchSize = 64
        case .cnn1d:
            config.epochs = 40
            config.batchSize = 100
            config.schedule = .onecycle
            config.learningRate = 3e-3
        }
        return config
    }

    /// The built-in data set of the reference accuracy run.
    public var dataset: String { self == .mlp ? "digits" : "mnist1d" }

    /// Features per sample (64 for digits, 40 for MNIST-1D).
    public var features: Int { self == .mlp ? 64 : 40 }
}
