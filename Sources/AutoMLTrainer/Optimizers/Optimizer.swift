/// Updates parameters from their gradients, keeping per-parameter state (momentum buffers,
/// moment estimates) that checkpoints save and restore.
///
/// Contract: `step` skips parameters whose gradient is nil (frozen, or not reached by the
/// batch). Regularization (L1, L2, decoupled weight decay) is applied by the trainer, so
/// optimizers implement only their update rule. State slots are named
/// `<parameter name>.<slot>` in `state`.
public protocol Optimizer: Sendable {
    /// One update with learning rate `learningRate`; `momentum` overrides the momentum (β1
    /// for Adam) for this step when a schedule cycles it.
    mutating func step(_ parameters: inout ParameterStore, gradients: [Tensor?], learningRate: Float, momentum: Float?)
    /// Everything needed to continue exactly where this optimizer is, its slots named after
    /// `parameters`.
    func state(parameters: ParameterStore) -> OptimizerState
    /// Continues from a saved state (slots for unknown parameters are an error).
    mutating func restore(_ state: OptimizerState, parameters: ParameterStore) throws(OptimizerStateError)
}

/// An optimizer's saved state: its kind, its step count, and its named slot tensors.
public struct OptimizerState: Sendable, Equatable {
    public var kind: String
    public var steps: Int
    public var slots: [String: Tensor]

    public init(kind: String, steps: Int, slots: [String: Tensor]) {
        self.kind = kind
        self.steps = steps
        self.slots = slots
    }
}

public struct OptimizerStateError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Per-parameter state tensors by store position, created on first use.
struct OptimizerSlots: Sendable {
    let names: [String]
    private(set) var tensors: [[Tensor?]]

    init(names: [String], count: Int) {
        self.names = names
        tensors = Array(repeating: Array(repeating: nil, count: count), count: names.count)
    }

    /// Slot `slot` of parameter `position`, zeros shaped like `like` when new.
    mutating func take(_ slot: Int, _ position: Int, like: Tensor) -> Tensor {
        if let existing = tensors[slot][position] {
            tensors[slot][position] = nil  // hand over the only reference: no copy on write
            return existing
        }
        return Tensor(zeros: like.shape)
    }

    mutating func put(_ tensor: Tensor, _ slot: Int, _ position: Int) { tensors[slot][position] = tensor }

    func state(kind: String, steps: Int, parameters: ParameterStore) -> OptimizerState {
        var slots: [String: Tensor] = [:]
        for (s, name) in names.enumerated() {
            for (p, tensor) in tensors[s].enumerated() {
                if let tensor, p < parameters.entries.count { slots["\(parameters.entries[p].name).\(name)"] = tensor }
            }
        }
        return OptimizerState(kind: kind, steps: steps, slots: slots)
    }

    mutating func restore(_ state: OptimizerState, parameters: ParameterStore) throws(OptimizerStateError) {
        var restored = OptimizerSlots(names: names, count: parameters.entries.count)
        var remaining = state.slots.count
        for (p, entry) in parameters.entries.enumerated() {
            for (s, name) in names.enumerated() {
                guard let tensor = state.slots["\(entry.name).\(name)"] else { continue }
                guard tensor.shape == entry.value.shape else {
                    throw OptimizerStateError(description: "optimizer slot \(entry.name).\(name) has shape \(tensor.shape), the parameter \(entry.value.shape)")
                }
                restored.tensors[s][p] = tensor
                remaining -= 1
            }
        }
        guard remaining == 0 else { throw OptimizerStateError(description: "the optimizer state has slots for parameters this model lacks") }
        self = restored
    }
}

/// The optimizer a config asks for.
public func makeOptimizer(for config: TrainingConfig, parameterCount count: Int) -> any Optimizer {
    switch config.optimizer {
    case .sgd:
        return SGD(momentum: Float(config.effectiveMomentum), nesterov: config.nesterov, parameterCount: count)
    case .adam, .adamw:
        return Adam(beta1: Float(config.beta1), beta2: Float(config.beta2), epsilon: Float(config.epsilon), parameterCount: count)
    case .rmsprop:
        return RMSprop(rho: Float(config.rho), momentum: Float(config.effectiveMomentum), epsilon: Float(config.epsilon),
                       parameterCount: count)
    }
}
