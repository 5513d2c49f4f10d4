/// Matrix products on variables, computed by BLAS.
extension Variable {
    /// `self · other` where `self` is `[..., m, k]` (leading axes are rows too) and `other` is
    /// `[k, n]`; the result is `[..., n]`.
    public func matmul(_ other: Variable) -> Variable {
        let (a, b) = (value, other.value)
        precondition(a.rank >= 2 && b.rank == 2 && a.shape[a.rank - 1] == b.shape[0],
                     "matmul of \(a.shape) and \(b.shape)")
        let k = b.shape[0], n = b.shape[1], m = a.count / max(k, 1)
        let y = GEMM.product(a, b, m: m, n: n, k: k, shape: Array(a.shape.dropLast()) + [n])
        return record(y, inputs: [self, other]) { g, inputs in
            if inputs.needsGradient(0) {
                inputs.accumulate(GEMM.product(g, b, transposeB: true, m: m, n: k, k: n, shape: a.shape), into: 0)
            }
            if inputs.needsGradient(1) {
                inputs.accumulate(GEMM.product(a, transposeA: true, g, m: k, n: n, k: m, shape: b.shape), into: 1)
            }
        }
    }

    /// A fully connected layer: `self · weightᵀ + bias` with `self` `[batch, in]`, `weight`
    /// `[out, in]` (the PyTorch layout) and `bias` `[out]`; the result is `[batch, out]`.
    public func linear(weight: Variable, bias: Variable?) -> Variable {
        let (x, w) = (value, weight.value)
        precondition(x.rank == 2 && w.rank == 2 && x.shape[1] == w.shape[1], "linear of \(x.shape) with weight \(w.shape)")
        let batch = x.shape[0], features = w.shape[1], outputs = w.shape[0]
        let b = bias?.value
        let y = x.withPointer { px in
            w.withPointer { pw in
                Tensor(shape: [batch, outputs]) { out in
                    if let b {
                        b.withPointer { pb in
                            for row in 0..<batch { (out + row * outputs).update(from: pb, count: outputs) }
                        }
                    }
                    GEMM.multiply(px, pw, transposeB: true, into: out, m: batch, n: outputs, k: features, beta: b == nil ? 0 : 1)
                }
            }
        }
        let operands = bias.map { [self, weight, $0] } ?? [self, weight]
        let hasBias = bias != nil
        return record(y, inputs: operands) { g, inputs in
            if inputs.needsGradient(0) {
                inputs.accumulate(GEMM.product(g, w, m: batch, n: features, k: outputs, shape: x.shape), into: 0)
            }
            if inputs.needsGradient(1) {
                inputs.accumulate(GEMM.product(g, transposeA: true, x, m: outputs, n: features, k: batch, shape: w.shape), into: 1)
            }
            if hasBias, inputs.needsGradient(2) {
                inputs.accumulate(g.columnSums(), into: 2)
            }
        }
    }
}
