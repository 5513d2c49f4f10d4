/// Softmax and log-softmax over the last axis, computed stably (the row maximum is
/// subtracted before exponentiating).
extension Tensor {
    /// log-softmax of each row (the last axis).
    func logSoftmaxRows() -> Tensor {
        let width = shape.last ?? 1
        let rows = count / Swift.max(width, 1)
        return scalars.withUnsafeBufferPointer { x in
            Tensor(shape: shape) { y in
                guard let x = x.baseAddress else { return }
                for r in 0..<rows {
                    let row = x + r * width, out = y + r * width
                    var top = -Float.infinity
                    for c in 0..<width { top = Swift.max(top, row[c]) }
                    var total: Float = 0
                    for c in 0..<width { total += Math.exp(row[c] - top) }
                    let logTotal = Math.log(total)
                    for c in 0..<width { out[c] = (row[c] - top) - logTotal }
                }
            }
        }
    }
}

extension Variable {
    /// exp(x_i) / Σ_j exp(x_j) along the last axis.
    public func softmax() -> Variable {
        let y = value.logSoftmaxRows().map { Math.exp($0) }
        let width = shape.last ?? 1
        return record(y, inputs: [self]) { g, inputs in
            // dx = y ⊙ (g − Σ g ⊙ y) per row
            let rows = g.count / Swift.max(width, 1)
            var dx = Tensor(zeros: y.shape)
            for r in 0..<rows {
                var dot: Float = 0
                for c in 0..<width { dot += g.scalars[r * width + c] * y.scalars[r * width + c] }
                for c in 0..<width { dx.scalars[r * width + c] = y.scalars[r * width + c] * (g.scalars[r * width + c] - dot) }
            }
            inputs.accumulate(dx, into: 0)
        }
    }

    /// log softmax along the last axis.
    public func logSoftmax() -> Variable {
        let y = value.logSoftmaxRows()
        let width = shape.last ?? 1
        return record(y, inputs: [self]) { g, inputs in
            // dx = g − softmax ⊙ Σ g per row
            let rows = g.count / Swift.max(width, 1)
            var dx = Tensor(zeros: y.shape)
            for r in 0..<rows {
                var total: Float = 0
                for c in 0..<width { total += g.scalars[r * width + c] }
                for c in 0..<width {
                    dx.scalars[r * width + c] = g.scalars[r * width + c] - Math.exp(y.scalars[r * width + c]) * total
                }
            }
            inputs.accumulate(dx, into: 0)
        }
    }
}
