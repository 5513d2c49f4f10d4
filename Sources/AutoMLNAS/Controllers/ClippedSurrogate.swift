import AutoMLTrainer
import Foundation

/// PPO's clipped surrogate (Schulman et al. 2017), as one tape operation.
extension Variable {
    /// `min(r_j·A_j, clip(r_j, 1−ε, 1+ε)·A_j)` for each sequence j, where
    /// `r_j = exp(self_j − old_j)` is the probability ratio of the new policy (`self`, `[m]`
    /// log-probabilities) to the one that collected the batch.
    ///
    /// Its gradient with respect to `self_j` is `r_j·A_j` where the unclipped term is the
    /// minimum, and 0 where the clipped one is: once the ratio has moved past `1 ± ε` in the
    /// direction the advantage pushes it (up for A > 0, down for A < 0), the sample stops
    /// pulling. On the other side the unclipped term is smaller and keeps its gradient, so a
    /// step that made things worse is always corrected.
    /// - Precondition: `self` is `[m]`, with `m` old log-probabilities and advantages; ε ≥ 0.
    public func clippedSurrogate(oldLogProbabilities old: [Double], advantages: [Double], epsilon: Double) -> Variable {
        let x = value
        precondition(x.rank == 1 && x.count == old.count && old.count == advantages.count && epsilon >= 0,
                      "clippedSurrogate of \(x.shape) with \(old.count) old values and \(advantages.count) advantages")
        var values = [Float](repeating: 0, count: x.count)
        var slopes = [Float](repeating: 0, count: x.count)
        for j in 0..<x.count {
            let ratio = exp(Double(x.scalars[j]) - old[j])
            let unclipped = ratio * advantages[j]
            let clipped = min(max(ratio, 1 - epsilon), 1 + epsilon) * advantages[j]
            values[j] = Float(min(unclipped, clipped))
            slopes[j] = unclipped <= clipped ? Float(unclipped) : 0
        }
        return tape.record(Tensor(shape: x.shape, scalars: values), inputs: [self]) { g, inputs in
            inputs.accumulate(g.zipMap(Tensor(shape: x.shape, scalars: slopes)) { $0 * $1 }, into: 0)
        }
    }
}
