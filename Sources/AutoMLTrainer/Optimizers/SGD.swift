/// Stochastic gradient descent with optional momentum and Nesterov momentum, as PyTorch
/// writes it: `b ← μ·b + g` (b = g on the first step), then `w ← w − lr·b`, or with Nesterov
/// `w ← w − lr·(g + μ·b)`.
///
/// References: Polyak (1964); Sutskever et al., "On the importance of initialization and
/// momentum in deep learning" (2013).
public struct SGD: Optimizer {
    public let momentum: Float
    public let nesterov: Bool
    private var slots: OptimizerSlots
    private var steps = 0

    public init(momentum: Float = 0, nesterov: Bool = false, parameterCount: Int) {
        self.momentum = momentum
        self.nesterov = nesterov
        slots = OptimizerSlots(names: ["momentum"], count: parameterCount)
    }

    public mutating func step(_ parameters: inout ParameterStore, gradients: [Tensor?], learningRate lr: Float, momentum override: Float?) {
        let mu = override ?? momentum
        for (p, gradient) in gradients.enumerated() {
            guard let g = gradient else { continue }
            guard mu > 0 else {
                parameters.update(at: p) { $0.add(g, scaledBy: -lr) }
                continue
            }
            let fresh = slots.tensors[0][p] == nil
            var buffer = slots.take(0, p, like: g)
            let n = g.count, nesterov = nesterov
            parameters.update(at: p) { w in
                w.withMutablePointer { pw in
                    buffer.withMutablePointer { pb in
                        g.withPointer { pg in
                            for i in 0..<n {
                                pb[i] = fresh ? pg[i] : mu * pb[i] + pg[i]
                                pw[i] -= lr * (nesterov ? pg[i] + mu * pb[i] : pb[i])
                            }
                        }
                    }
                }
            }
            slots.put(buffer, 0, p)
        }
        steps += 1
    }

    public func state(parameters: ParameterStore) -> OptimizerState {
        slots.state(kind: "sgd", steps: steps, parameters: parameters)
    }

    public mutating func restore(_ state: OptimizerState, parameters: ParameterStore) throws(OptimizerStateError) {
        try slots.restore(state, parameters: parameters)
        steps = state.steps
    }
}
