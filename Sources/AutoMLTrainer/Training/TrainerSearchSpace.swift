import AutoMLJSON

/// Suggested search spaces over the trainer's hyper-parameters, in the wire format of
/// `session/create`'s `space` (parameter names are `TrainingConfig` members, so a suggested
/// config decodes as a `TrainingConfig` directly; members a space leaves out take their
/// defaults or the fixed values the caller merges in).
///
/// `mlp` searches optimizer, learning rate and its schedule, depth and width, activation,
/// regularization and batch size of an MLP: on digits a trial of 20 epochs takes well under a
/// second in a release build. `cnn1d` searches a small 1-D CNN for signals such as MNIST-1D.
public enum TrainerSearchSpace {
    public static let mlp: JSON = ["params": [
        ["name": "optimizer", "type": "categorical", "choices": ["adam", "adamw", "sgd", "rmsprop"]],
        ["name": "learningRate", "type": "float", "low": 1e-4, "high": 0.1, "log": true],
        ["name": "momentum", "type": "float", "low": 0.5, "high": 0.99, "when": ["optimizer": ["sgd", "rmsprop"]]],
        ["name": "nesterov", "type": "categorical", "choices": [false, true], "when": ["optimizer": ["sgd"]]],
        ["name": "schedule", "type": "categorical", "choices": ["constant", "step", "exponential", "cosine", "onecycle"]],
        ["name": "warmupEpochs", "type": "float", "low": 0, "high": 3, "when": ["schedule": ["cosine"]]],
        ["name": "layers", "type": "int", "low": 1, "high": 3],
        ["name": "width", "type": "ordinal", "values": [32, 64, 128, 256]],
        ["name": "activation", "type": "categorical", "choices": ["relu", "gelu", "elu", "leakyrelu", "tanh"]],
        ["name": "initialization", "type": "categorical", "choices": ["fan_in_uniform", "he_normal", "glorot_uniform", "orthogonal"]],
        ["name": "batchNorm", "type": "categorical", "choices": [false, true]],
        ["name": "dropout", "type": "float", "low": 0, "high": 0.5],
        ["name": "weightDecay", "type": "float", "low": 1e-6, "high": 0.1, "log": true],
        ["name": "labelSmoothing", "type": "float", "low": 0, "high": 0.2],
        ["name": "batchSize", "type": "ordinal", "values": [32, 64, 128]],
    ]]

    public static let cnn1d: JSON = ["params": [
        ["name": "optimizer", "type": "categorical", "choices": ["adam", "adamw", "sgd"]],
        ["name": "learningRate", "type": "float", "low": 3e-4, "high": 0.03, "log": true],
        ["name": "momentum", "type": "float", "low": 0.8, "high": 0.99, "when": ["optimizer": ["sgd"]]],
        ["name": "schedule", "type": "categorical", "choices": ["constant", "cosine", "onecycle"]],
        ["name": "layers", "type": "int", "low": 2, "high": 4],
        ["name": "width", "type": "ordinal", "values": [16, 32, 64]],
        ["name": "kernel", "type": "ordinal", "values": [3, 5, 7]],
        ["name": "dilated", "type": "categorical", "choices": [true, false]],
        ["name": "batchNorm", "type": "categorical", "choices": [true, false]],
        ["name": "pooling", "type": "categorical", "choices": ["none", "max", "avg"]],
        ["name": "head", "type": "categorical", "choices": ["flatten", "globalavg"]],
        ["name": "dropout", "type": "float", "low": 0, "high": 0.3],
        ["name": "weightDecay", "type": "float", "low": 1e-5, "high": 0.1, "log": true],
        ["name": "batchSize", "type": "ordinal", "values": [64, 100, 128]],
    ]]

    /// The fixed members to merge under a suggested config for each space.
    public static let mlpFixed: JSON = ["epochs": 20]
    public static let cnn1dFixed: JSON = ["epochs": 20, "architecture": "cnn1d"]
}
