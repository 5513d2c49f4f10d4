import AutoMLTrainer
import Foundation

/// Adam (Kingma & Ba 2015) over a controller's parameter tensors.
///
/// The trainer's `Adam` updates a model's `ParameterStore`, which only the trainer's model
/// builder can fill; a controller keeps its parameters as a plain array, so it carries this
/// small copy of the same update: `m ← β1·m + (1−β1)·g`, `v ← β2·v + (1−β2)·g²`,
/// `w ← w − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε)`, element by element in a fixed order.
public struct ControllerAdam: Sendable, Equatable {
    public var learningRate: Double
    public let beta1: Double, beta2: Double, epsilon: Double
    public private(set) var steps = 0
    private var first: [[Float]] = []
    private var second: [[Float]] = []

    public init(learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// One descent step on `parameters` along `gradients` (same shapes, same order).
    public mutating func step(_ parameters: inout [Tensor], gradients: [Tensor]) {
        precondition(parameters.count == gradients.count, "one gradient per parameter")
        if first.isEmpty {
            first = parameters.map { [Float](repeating: 0, count: $0.count) }
            second = first
        }
        steps += 1
        let b1 = Float(beta1), b2 = Float(beta2), eps = Float(epsilon)
        let stepSize = Float(learningRate / (1 - pow(beta1, Double(steps))))
        let inverseRoot2 = Float(1 / (1 - pow(beta2, Double(steps))).squareRoot())
        for p in parameters.indices {
            let g = gradients[p].scalars
            precondition(g.count == parameters[p].count, "gradient shape of parameter \(p)")
            for i in g.indices {
                first[p][i] = b1 * first[p][i] + (1 - b1) * g[i]
                second[p][i] = b2 * second[p][i] + (1 - b2) * g[i] * g[i]
                parameters[p].scalars[i] -= stepSize * first[p][i] / (second[p][i].squareRoot() * inverseRoot2 + eps)
            }
        }
    }
}
