/// RMSprop (Tieleman & Hinton 2012), as PyTorch computes it: `s ← ρ·s + (1−ρ)·g²`; without
/// momentum `w ← w − lr·g/(√s + ε)`; with momentum μ, `b ← μ·b + g/(√s + ε)` and
/// `w ← w − lr·b`.
public struct RMSprop: Optimizer {
    public let rho: Float, momentum: Float, epsilon: Float
    private var slots: OptimizerSlots
    private var steps = 0

    public init(rho: Float = 0.99, momentum: Float = 0, epsilon: Float = 1e-8, parameterCount: Int) {
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        slots = OptimizerSlots(names: ["square", "momentum"], count: parameterCount)
    }

    public mutating func step(_ parameters: inout ParameterStore, gradients: [Tensor?], learningRate lr: Float, momentum override: Float?) {
        steps += 1
        let rho = rho, eps = epsilon, mu = override ?? momentum
        for (p, gradient) in gradients.enumerated() {
            guard let g = gradient else { continue }
            var s = slots.take(0, p, like: g)
            var b = mu > 0 ? slots.take(1, p, like: g) : Tensor(zeros: [])
            let n = g.count
            parameters.update(at: p) { w in
                w.withMutablePointer { pw in
                    s.withMutablePointer { ps in
                        b.withMutablePointer { pb in
                            g.withPointer { pg in
                                for i in 0..<n {
                                    ps[i] = rho * ps[i] + (1 - rho) * pg[i] * pg[i]
                                    let scaled = pg[i] / (ps[i].squareRoot() + eps)
                                    if mu > 0 {
                                        pb[i] = mu * pb[i] + scaled
                                        pw[i] -= lr * pb[i]
                                    } else {
                                        pw[i] -= lr * scaled
                                    }
                                }
                            }
                        }
                    }
                }
            }
            slots.put(s, 0, p)
            if mu > 0 { slots.put(b, 1, p) }
        }
    }

    public func state(parameters: ParameterStore) -> OptimizerState {
        slots.state(kind: "rmsprop", steps: steps, parameters: parameters)
    }

    public mutating func restore(_ state: OptimizerState, parameters: ParameterStore) throws(OptimizerStateError) {
        try slots.restore(state, parameters: parameters)
        steps = state.steps
    }
}
