import AutoMLTrainer

/// The few differentiable operations an RL controller needs that the trainer lacks, written on
/// the tape's public `record` API.
///
/// `smallMatmul` exists because the trainer's `matmul` calls BLAS, whose summation order may
/// depend on the thread count and on the CPU's kernels: a controller's parameters are rebuilt
/// by replaying a session's journal, so its arithmetic must be the same plain loops every time.
/// The matrices are tiny (a batch of a few sequences times a hidden state of ~32), so loops
/// cost nothing worth optimizing.
extension Variable {
    /// `self · other` for `self` `[m, k]` and `other` `[k, n]`, summed in a fixed order.
    public func smallMatmul(_ other: Variable) -> Variable {
        let (a, b) = (value, other.value)
        precondition(a.rank == 2 && b.rank == 2 && a.shape[1] == b.shape[0], "smallMatmul of \(a.shape) and \(b.shape)")
        let m = a.shape[0], k = a.shape[1], n = b.shape[1]
        let y = Self.product(a.scalars, b.scalars, m: m, k: k, n: n, transposeA: false, transposeB: false)
        return tape.record(Tensor(shape: [m, n], scalars: y), inputs: [self, other]) { g, inputs in
            if inputs.needsGradient(0) {
                // dA = g · Bᵀ: [m, n] · [n, k]
                let da = Self.product(g.scalars, b.scalars, m: m, k: n, n: k, transposeA: false, transposeB: true)
                inputs.accumulate(Tensor(shape: [m, k], scalars: da), into: 0)
            }
            if inputs.needsGradient(1) {
                // dB = Aᵀ · g: [k, m] · [m, n]
                let db = Self.product(a.scalars, g.scalars, m: k, k: m, n: n, transposeA: true, transposeB: false)
                inputs.accumulate(Tensor(shape: [k, n], scalars: db), into: 1)
            }
        }
    }

    /// Rows `indices` of a `[rows, width]` table, as `[indices.count, width]` (an embedding
    /// lookup); gradients add back into the rows they came from.
    public func rows(_ indices: [Int]) -> Variable {
        let table = value
        precondition(table.rank == 2 && indices.allSatisfy { $0 >= 0 && $0 < table.shape[0] }, "rows \(indices) of \(table.shape)")
        let width = table.shape[1]
        var y = [Float](repeating: 0, count: indices.count * width)
        for (r, index) in indices.enumerated() {
            for c in 0..<width { y[r * width + c] = table.scalars[index * width + c] }
        }
        return tape.record(Tensor(shape: [indices.count, width], scalars: y), inputs: [self]) { g, inputs in
            var dx = Tensor(zeros: table.shape)
            for (r, index) in indices.enumerated() {
                for c in 0..<width { dx.scalars[index * width + c] += g.scalars[r * width + c] }
            }
            inputs.accumulate(dx, into: 0)
        }
    }

    /// Columns `range` of a `[rows, width]` matrix (one LSTM gate out of the fused four).
    public func columns(_ range: Range<Int>) -> Variable {
        let x = value
        precondition(x.rank == 2 && range.lowerBound >= 0 && range.upperBound <= x.shape[1], "columns \(range) of \(x.shape)")
        let rows = x.shape[0], width = x.shape[1], part = range.count
        var y = [Float](repeating: 0, count: rows * part)
        for r in 0..<rows {
            for c in 0..<part { y[r * part + c] = x.scalars[r * width + range.lowerBound + c] }
        }
        return tape.record(Tensor(shape: [rows, part], scalars: y), inputs: [self]) { g, inputs in
            var dx = Tensor(zeros: x.shape)
            for r in 0..<rows {
                for c in 0..<part { dx.scalars[r * width + range.lowerBound + c] = g.scalars[r * part + c] }
            }
            inputs.accumulate(dx, into: 0)
        }
    }

    /// One element per row of a `[rows, width]` matrix, `columns[r]` in row `r`, as `[rows]`
    /// (the log-probability of each row's chosen action).
    public func picked(_ columns: [Int]) -> Variable {
        let x = value
        precondition(x.rank == 2 && columns.count == x.shape[0], "picking \(columns.count) columns from \(x.shape)")
        let width = x.shape[1]
        return reshaped([x.count]).gathered(columns.enumerated().map { $0.offset * width + $0.element })
    }

    /// Row-major product of `a` (`[m, k]`, or `[k, m]` stored when `transposeA`) and `b`
    /// (`[k, n]`, or `[n, k]` stored when `transposeB`), accumulated in index order.
    static func product(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int, transposeA: Bool, transposeB: Bool) -> [Float] {
        var y = [Float](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                y.withUnsafeMutableBufferPointer { py in
                    for i in 0..<m {
                        for p in 0..<k {
                            let left = transposeA ? pa[p * m + i] : pa[i * k + p]
                            if transposeB {
                                for j in 0..<n { py[i * n + j] += left * pb[j * k + p] }
                            } else {
                                let row = p * n, out = i * n
                                for j in 0..<n { py[out + j] += left * pb[row + j] }
                            }
                        }
                    }
                }
            }
        }
        return y
    }
}
