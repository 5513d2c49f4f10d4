/// Classification losses on a `[batch, classes]` matrix of scores and integer labels, each
/// averaged over the batch and fused with its gradient. Labels must lie in `0..<classes`.
extension Variable {
    /// Cross-entropy of softmax(scores) against the labels, with label smoothing `epsilon`:
    /// the target puts `1 − ε + ε/C` on the label and `ε/C` on every other class
    /// (Szegedy et al. 2016). `epsilon` is in [0, 1).
    public func crossEntropy(labels: [Int], labelSmoothing epsilon: Float = 0) -> Variable {
        let (batch, classes) = checkedScores(labels)
        let logProbabilities = value.logSoftmaxRows()
        let off = epsilon / Float(classes), on = 1 - epsilon + off
        var total = 0.0
        for b in 0..<batch {
            for c in 0..<classes {
                let target = c == labels[b] ? on : off
                if target != 0 { total -= Double(target * logProbabilities.scalars[b * classes + c]) }
            }
        }
        let loss = Tensor(scalar: Float(total / Double(batch)))
        return record(loss, inputs: [self]) { g, inputs in
            let scale = g.scalars[0] / Float(batch)
            var dx = logProbabilities.map { Math.exp($0) }
            for b in 0..<batch {
                for c in 0..<classes {
                    let i = b * classes + c
                    dx.scalars[i] = (dx.scalars[i] - (c == labels[b] ? on : off)) * scale
                }
            }
            inputs.accumulate(dx, into: 0)
        }
    }

    /// The multi-class hinge loss Σ_{j≠y} max(0, margin − s_y + s_j) / C, averaged over the
    /// batch (Weston & Watkins 1999; PyTorch's `MultiMarginLoss`).
    public func multiClassHinge(labels: [Int], margin: Float = 1) -> Variable {
        let (batch, classes) = checkedScores(labels)
        let s = value
        var total = 0.0
        var dx = Tensor(zeros: s.shape)
        let unit = 1 / Float(classes * batch)
        for b in 0..<batch {
            let label = labels[b]
            for c in 0..<classes where c != label {
                let violation = margin - s.scalars[b * classes + label] + s.scalars[b * classes + c]
                if violation > 0 {
                    total += Double(violation)
                    dx.scalars[b * classes + c] += unit
                    dx.scalars[b * classes + label] -= unit
                }
            }
        }
        let loss = Tensor(scalar: Float(total / Double(classes * batch)))
        return record(loss, inputs: [self]) { g, inputs in
            var scaled = dx
            scaled.scale(by: g.scalars[0])
            inputs.accumulate(scaled, into: 0)
        }
    }

    /// Mean squared error between the scores and one-hot targets, averaged over every element
    /// (PyTorch's `MSELoss` on one-hot labels).
    public func meanSquaredError(labels: [Int]) -> Variable {
        let (batch, classes) = checkedScores(labels)
        var residual = value
        for b in 0..<batch { residual.scalars[b * classes + labels[b]] -= 1 }
        let n = Float(batch * classes)
        var total = 0.0
        for r in residual.scalars { total += Double(r * r) }
        let loss = Tensor(scalar: Float(total / Double(n)))
        return record(loss, inputs: [self]) { g, inputs in
            let scale = 2 * g.scalars[0] / n
            inputs.accumulate(residual.map { $0 * scale }, into: 0)
        }
    }

    private func checkedScores(_ labels: [Int]) -> (batch: Int, classes: Int) {
        let shape = self.shape
        precondition(shape.count == 2 && shape[0] == labels.count && shape[0] > 0, "scores \(shape) for \(labels.count) labels")
        precondition(labels.allSatisfy { $0 >= 0 && $0 < shape[1] }, "a label outside 0..<\(shape[1])")
        return (shape[0], shape[1])
    }
}
