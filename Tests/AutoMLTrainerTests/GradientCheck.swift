import AutoMLNumerics
import AutoMLTrainer

/// Compares reverse-mode gradients with central finite differences.
///
/// The checked function is `f(inputs) = Σ r ⊙ build(inputs)` for a fixed random `r`, so every
/// output element's gradient matters. Float32 rounding limits the agreement; the tolerance is
/// relative to the gradient's scale and tight enough that a wrong formula (an O(1) error)
/// fails.
struct GradientCheck {
    var step: Float = 1e-2
    var tolerance: Float = 2e-2

    /// The largest disagreement, relative to max(1, |gradient|), over every input element.
    func worstError(_ inputs: [Tensor], seed: UInt64 = 7, _ build: ([Variable]) -> Variable) -> Float {
        let tape = Tape()
        let variables = inputs.map { tape.parameter($0) }
        let output = build(variables)
        var generator = SeededGenerator(seed: seed)
        let projection = Tensor(shape: output.shape, scalars: (0..<output.value.count).map { _ in Float(generator.nextGaussian()) })
        tape.backward(from: output, seed: projection)
        var worst: Float = 0
        for (k, input) in inputs.enumerated() {
            let analytic = variables[k].gradient ?? Tensor(zeros: input.shape)
            for i in 0..<input.count {
                var plus = inputs, minus = inputs
                plus[k].scalars[i] += step
                minus[k].scalars[i] -= step
                let numeric = Float((evaluate(plus, projection, build) - evaluate(minus, projection, build)) / Double(2 * step))
                let error = abs(numeric - analytic.scalars[i]) / max(1, abs(analytic.scalars[i]))
                worst = max(worst, error)
            }
        }
        return worst
    }

    /// Whether every gradient element agrees within the tolerance.
    func passes(_ inputs: [Tensor], seed: UInt64 = 7, _ build: ([Variable]) -> Variable) -> Bool {
        worstError(inputs, seed: seed, build) <= tolerance
    }

    private func evaluate(_ inputs: [Tensor], _ projection: Tensor, _ build: ([Variable]) -> Variable) -> Double {
        let tape = Tape(recordsGradients: false)
        let output = build(inputs.map { tape.constant($0) }).value
        var total = 0.0
        for (y, r) in zip(output.scalars, projection.scalars) { total += Double(y) * Double(r) }
        return total
    }
}

/// Seeded test tensors.
enum Sample {
    /// Gaussian elements.
    static func gaussian(_ shape: [Int], seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return Tensor(shape: shape, scalars: (0..<Shape.count(shape)).map { _ in Float(generator.nextGaussian()) })
    }

    /// Elements at least `gap` away from zero (for functions with a kink at 0).
    static func awayFromZero(_ shape: [Int], seed: UInt64, gap: Float = 0.1) -> Tensor {
        gaussian(shape, seed: seed).map { $0 >= 0 ? $0 + gap : $0 - gap }
    }

    /// Distinct elements spaced 0.1 apart in a shuffled order (for max pooling: no near ties).
    static func distinct(_ shape: [Int], seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        var values = (0..<Shape.count(shape)).map { Float($0) * 0.1 - 1 }
        generator.shuffle(&values)
        return Tensor(shape: shape, scalars: values)
    }
}
