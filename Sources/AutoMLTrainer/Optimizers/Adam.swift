/// Adam (Kingma & Ba 2015), as PyTorch computes it: `m ← β1·m + (1−β1)·g`,
/// `v ← β2·v + (1−β2)·g²`, `w ← w − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε)`.
///
/// AdamW (Loshchilov & Hutter, "Decoupled weight decay regularization", 2019) is this update
/// plus the decoupled decay `w ← w·(1 − lr·λ)` that the trainer applies before each step.
public struct Adam: Optimizer {
    public let beta1: Float, beta2: Float, epsilon: Float
    private var slots: OptimizerSlots
    private var steps = 0

    public init(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, parameterCount: Int) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        slots = OptimizerSlots(names: ["m", "v"], count: parameterCount)
    }

    public mutating func step(_ parameters: inout ParameterStore, gradients: [Tensor?], learningRate lr: Float, momentum: Float?) {
        steps += 1
        let b1 = momentum ?? beta1, b2 = beta2, eps = epsilon
        let correction1 = 1 - Math.pow(Double(b1), Double(steps))
        let correction2 = 1 - Math.pow(Double(b2), Double(steps))
        let stepSize = Float(Double(lr) / correction1)
        let inverseRoot2 = Float(1 / correction2.squareRoot())
        for (p, gradient) in gradients.enumerated() {
            guard let g = gradient else { continue }
            var m = slots.take(0, p, like: g), v = slots.take(1, p, like: g)
            let n = g.count
            parameters.update(at: p) { w in
                w.withMutablePointer { pw in
                    m.withMutablePointer { pm in
                        v.withMutablePointer { pv in
                            g.withPointer { pg in
                                for i in 0..<n {
                                    let gi = pg[i]
                                    pm[i] = b1 * pm[i] + (1 - b1) * gi
                                    pv[i] = b2 * pv[i] + (1 - b2) * gi * gi
                                    pw[i] -= stepSize * pm[i] / (pv[i].squareRoot() * inverseRoot2 + eps)
                                }
                            }
                        }
                    }
                }
            }
            slots.put(m, 0, p)
            slots.put(v, 1, p)
        }
    }

    public func state(parameters: ParameterStore) -> OptimizerState {
        slots.state(kind: "adam", steps: steps, parameters: parameters)
    }

    public mutating func restore(_ state: OptimizerState, parameters: ParameterStore) throws(OptimizerStateError) {
        try slots.restore(state, parameters: parameters)
        steps = state.steps
    }
}
