import AutoMLJSON

/// Every hyper-parameter of one training run, one JSON member each, so a search space's
/// config maps onto it directly.
///
/// ```json
/// {"optimizer": "adamw", "learningRate": 0.003, "schedule": "onecycle", "epochs": 40,
///  "batchSize": 100, "architecture": "cnn1d", "layers": 4, "width": 64, "dilated": true,
///  "batchNorm": true, "seed": 0}
/// ```
///
/// Absent members take the defaults below; members that do not apply (say `gamma` with the
/// constant schedule) are accepted and ignored. `model` (a `ModelDescription`) replaces the
/// architecture members with an explicit network, as architecture search emits.
public struct TrainingConfig: Sendable, Equatable {
    // MARK: Run
    /// Seeds weight initialization, shuffling and dropout. JSON carries 0 ... 2^63 − 1; a
    /// larger seed set in code is written to JSON with its top bit cleared.
    public var seed: UInt64 = 0
    public var epochs = 20
    public var batchSize = 64

    // MARK: Learning rate and its schedule
    public var learningRate = 1e-3
    public var schedule: ScheduleKind = .constant
    /// `step`: epochs between decays.
    public var stepSize = 10
    /// `step` (default 0.1) and `exponential` (default 0.95): the decay factor.
    public var gamma: Double?
    /// `cosine`: epochs of linear warm-up (fractions allowed).
    public var warmupEpochs = 0.0
    /// `cosine`: the rate at the end.
    public var minLearningRate = 0.0
    /// `onecycle`: the fraction of steps spent rising; the start is `learningRate / divFactor`,
    /// the end `start / finalDivFactor` (Smith & Topin 2019, PyTorch's `OneCycleLR`).
    public var pctStart = 0.3
    public var divFactor = 25.0
    public var finalDivFactor = 1e4
    /// `onecycle`: moves momentum (β1) between 0.95 and 0.85 against the rate, as PyTorch does.
    public var cycleMomentum = true

    // MARK: Loss
    public var loss: LossKind = .crossEntropy
    /// Cross-entropy only: the probability mass spread uniformly over the classes.
    public var labelSmoothing = 0.0

    // MARK: Optimizer
    public var optimizer: OptimizerKind = .adam
    /// SGD (default 0.9) and RMSprop (default 0) momentum.
    public var momentum: Double?
    public var nesterov = false
    public var beta1 = 0.9
    public var beta2 = 0.999
    public var epsilon = 1e-8
    /// RMSprop's decay of the squared-gradient average.
    public var rho = 0.99

    // MARK: Regularization
    /// Decoupled weight decay (Loshchilov & Hutter 2019), `w ← w − lr·decay·w` before each
    /// step, with any optimizer. Default 0.01 for `adamw`, else 0.
    public var weightDecay: Double?
    /// Penalty `l1·Σ|w|` added to the loss.
    public var l1 = 0.0
    /// Penalty `l2/2·Σw²` added to the loss (coupled L2, what SGD's weight decay means).
    public var l2 = 0.0
    /// Dropout rate after each hidden layer of the built networks (and for description
    /// dropout layers without their own rate).
    public var dropout = 0.0
    /// Stop after this many epochs without a better validation loss, and keep the best
    /// weights; nil (or 0) trains every epoch.
    public var earlyStoppingPatience: Int?
    /// Data augmentation: each training sample (never a validation or test one) is rolled
    /// circularly along the last axis of its input shape by an offset drawn uniformly from
    /// `−randomShift ... randomShift`, new each epoch. MNIST-1D's generator translates its
    /// signals this way, so a 1-D network learns the invariance from more than the rows it has.
    public var randomShift = 0

    // MARK: Network (ignored when `model` is set)
    public var initialization: WeightInitialization = .fanInUniform
    public var architecture: ArchitectureKind = .mlp
    /// Hidden layers (MLP) or convolution layers (CNN).
    public var layers = 2
    /// Units per hidden layer (MLP) or channels per convolution (CNN).
    public var width = 128
    /// Per-layer widths, overriding `layers` and `width`.
    public var widths: [Int]?
    public var activation: ActivationKind = .relu
    public var batchNorm = false
    /// CNN: kernel size.
    public var kernel = 3
    /// CNN: dilations 1, 2, 4, ... (a dilated 1-D CNN sees the whole signal in few layers).
    public var dilated = false
    /// CNN: a pooling layer (window 2, stride 2) after each convolution.
    public var pooling: PoolingChoice = .none
    /// CNN: the classifier reads the flattened maps or their global average.
    public var head: HeadKind = .flatten
    /// CNN: per-sample input shape; default `[1, features]` (1-D) or `[1, s, s]` (2-D).
    public var inputShape: [Int]?
    /// An explicit network, replacing the architecture members above.
    public var model: ModelDescription?

    // MARK: Quantization
    /// Post-training weight quantization before the final evaluation: one bit width for every
    /// linear and convolution layer, or one per layer in model order (see `WeightBits`).
    public var weightBits: WeightBits?

    public init() {}

    /// The SGD or RMSprop momentum in effect.
    public var effectiveMomentum: Double { momentum ?? (optimizer == .sgd ? 0.9 : 0) }
    /// The decoupled weight decay in effect.
    public var effectiveWeightDecay: Double { weightDecay ?? (optimizer == .adamw ? 0.01 : 0) }
    /// The schedule's decay factor in effect.
    public var effectiveGamma: Double { gamma ?? (schedule == .exponential ? 0.95 : 0.1) }
}

public enum ScheduleKind: String, Sendable, CaseIterable, Codable {
    case constant, step, exponential, cosine, onecycle
}

public enum LossKind: String, Sendable, CaseIterable, Codable {
    case crossEntropy = "crossentropy", hinge, mse
}

public enum OptimizerKind: String, Sendable, CaseIterable, Codable {
    case sgd, adam, adamw, rmsprop
}

public enum ArchitectureKind: String, Sendable, CaseIterable, Codable {
    case mlp, cnn1d, cnn2d
}

public enum ActivationKind: String, Sendable, CaseIterable, Codable {
    case relu, leakyrelu, elu, gelu, tanh, sigmoid
}

public enum PoolingChoice: String, Sendable, CaseIterable, Codable {
    case none, max, avg
}

public enum HeadKind: String, Sendable, CaseIterable, Codable {
    case flatten, globalavg
}
