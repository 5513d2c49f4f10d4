import AutoMLJSON

/// The options every controller strategy shares, checked, with defaults filled in.
///
/// Defaults are chosen to learn within ~100 trials rather than the papers' thousands: Zoph & Le
/// train with learning rate 0.0006 over 12,800 architectures; here Adam at 0.02 (REINFORCE) or
/// 0.005 (PPO, which takes `epochs` = 4 steps per batch), batches of 5 and a baseline decay of
/// 0.95 move a 40-decision controller well within 20 updates (the learning rates were picked
/// on `automl bench nas --synthetic`; see Documentation/NAS-Controllers.md).
public struct ControllerSettings: Sendable, Hashable {
    public var configuration: ControllerConfiguration
    public var learningRate: Double
    /// Rewarded trials per controller update (m).
    public var batchSize: Int
    public var baselineDecay: Double
    /// β of the entropy bonus `β·mean(H)` added to the objective.
    public var entropyWeight: Double
    public var rule: PolicyUpdateRule
    public var failures: FailurePolicy

    /// What a failed or pruned trial teaches the controller.
    public enum FailurePolicy: String, Sendable, Hashable, CaseIterable {
        /// Nothing: it gives no reward (default; an evaluator crash says nothing about the architecture).
        case skip
        /// The worst reward seen so far (none before a first reward), which steers the
        /// controller away from architectures that fail to train or evaluate.
        case worst
    }

    /// Resamples allowed per suggestion when it repeats a pending architecture or one in the same ask.
    public static let maxResamples = 10
    public static let maxBatchSize = 10_000
    public static let maxEpochs = 100
    public static let reinforceLearningRate = 0.02
    public static let ppoLearningRate = 0.005

    /// Reads the shared options (nil: the default) and checks each, naming `<path>.<option>`.
    /// `epochs` and `clipEpsilon` are given for PPO only (`ppo` true).
    public init(
        hiddenSize: Int?, temperature: Double?, tanhConstant: Double?, initRange: Double?,
        learningRate: Double?, batchSize: Int?, baselineDecay: Double?, entropyWeight: Double?,
        failed: String?, ppo: Bool, epochs: Int?, clipEpsilon: Double?, path: String
    ) throws {
        configuration = try ControllerConfiguration(
            hiddenSize: hiddenSize ?? 32, temperature: temperature, tanhConstant: tanhConstant, initRange: initRange ?? 0.1
        ).validated(path: path)
        self.learningRate = try Self.check(learningRate, default: ppo ? Self.ppoLearningRate : Self.reinforceLearningRate, path, "learningRate", "a number in (0, 1]") { $0 > 0 && $0 <= 1 }
        let batch = batchSize ?? 5
        guard (1...Self.maxBatchSize).contains(batch) else {
            throw JSONFieldError(path: JSONPath.member(path, "batchSize"), reason: "expected an integer from 1 to \(Self.maxBatchSize)")
        }
        self.batchSize = batch
        self.baselineDecay = try Self.check(baselineDecay, default: 0.95, path, "baselineDecay", "a number in [0, 1)") { $0 >= 0 && $0 < 1 }
        self.entropyWeight = try Self.check(entropyWeight, default: 0, path, "entropyWeight", "a number in [0, 10]") { $0 >= 0 && $0 <= 10 }
        if let failed {
            guard let policy = FailurePolicy(rawValue: failed) else {
                throw JSONFieldError(path: JSONPath.member(path, "failed"), reason: "expected \"skip\" or \"worst\", not \"\(failed)\"")
            }
            failures = policy
        } else {
            failures = .skip
        }
        if ppo {
            let count = epochs ?? 4
            guard (1...Self.maxEpochs).contains(count) else {
                throw JSONFieldError(path: JSONPath.member(path, "epochs"), reason: "expected an integer from 1 to \(Self.maxEpochs)")
            }
            let epsilon = try Self.check(clipEpsilon, default: 0.2, path, "clipEpsilon", "a number in (0, 1)") { $0 > 0 && $0 < 1 }
            rule = .ppo(epsilon: epsilon, epochs: count)
        } else {
            rule = .reinforce
        }
    }

    /// Reads the shared members of a controller strategy's options (`ControllerOptions`).
    public init(options: ControllerOptions, ppo: Bool, path: String) throws {
        try self.init(hiddenSize: options.hiddenSize, temperature: options.temperature, tanhConstant: options.tanhConstant,
                      initRange: options.initRange, learningRate: options.learningRate, batchSize: options.batchSize,
                      baselineDecay: options.baselineDecay, entropyWeight: options.entropyWeight, failed: options.failed,
                      ppo: ppo, epochs: ppo ? options.epochs : nil, clipEpsilon: ppo ? options.clipEpsilon : nil, path: path)
    }

    /// `value` (or `fallback`), finite and accepted by `isValid`.
    static func check(_ value: Double?, default fallback: Double, _ path: String, _ field: String, _ expected: String,
                      _ isValid: (Double) -> Bool) throws -> Double {
        let chosen = value ?? fallback
        guard chosen.isFinite && isValid(chosen) else {
            throw JSONFieldError(path: JSONPath.member(path, field), reason: "expected \(expected), not \(chosen)")
        }
        return chosen
    }

    /// JSON Schema properties of the shared options, for each strategy's `optionsSchema`.
    public static func schemaProperties(ppo: Bool, defaultSpace: String) -> JSONObject {
        var properties: JSONObject = [
            "space": [
                "type": "object",
                "description": .string("The architecture space: {\"kind\": \"nasnet\" | \"hierarchical\" | \"mnasnet\", ...its options}. Default: {\"kind\": \"\(defaultSpace)\"}."),
            ],
            "hiddenSize": ["type": "integer", "minimum": 1, "maximum": .int(Int64(ControllerConfiguration.maxHiddenSize)), "default": 32,
                           "description": "Width of the controller LSTM's state and of its decision embeddings."],
            "temperature": ["type": "number", "exclusiveMinimum": 0, "description": "Divides the logits before the softmax (ENAS uses 5). Default: none."],
            "tanhConstant": ["type": "number", "exclusiveMinimum": 0, "description": "Squashes the logits to C·tanh(logits) (ENAS uses 2.5). Default: none."],
            "initRange": ["type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.1, "description": "Parameters start uniform in [-initRange, initRange]."],
            "learningRate": ["type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": .double(ppo ? ppoLearningRate : reinforceLearningRate),
                             "description": "Adam's learning rate for the controller."],
            "batchSize": ["type": "integer", "minimum": 1, "maximum": .int(Int64(maxBatchSize)), "default": 5, "description": "Rewarded trials per controller update."],
            "baselineDecay": ["type": "number", "minimum": 0, "exclusiveMaximum": 1, "default": 0.95, "description": "Decay of the moving-average reward baseline."],
            "entropyWeight": ["type": "number", "minimum": 0, "maximum": 10, "default": 0, "description": "Weight of the entropy bonus added to the objective."],
            "failed": ["type": "string", "enum": ["skip", "worst"], "default": "skip",
                       "description": "What a failed or pruned trial teaches: nothing, or the worst reward seen so far."],
        ]
        if ppo {
            properties["epochs"] = ["type": "integer", "minimum": 1, "maximum": .int(Int64(maxEpochs)), "default": 4, "description": "PPO epochs over each batch."]
            properties["clipEpsilon"] = ["type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1, "default": 0.2, "description": "PPO's clip range ε: ratios are clipped to [1-ε, 1+ε]."]
        }
        return properties
    }
}
