import COpenBLAS

/// Row-major single-precision matrix products through OpenBLAS's `cblas_sgemm`.
enum GEMM {
    /// `C = alpha * op(A) * op(B) + beta * C` with `op(A)` of shape m x k and `op(B)` k x n.
    /// `A` is stored m x k (or k x m when `transposeA`), `B` k x n (or n x k when `transposeB`),
    /// all row-major and dense.
    @inline(__always)
    static func multiply(
        _ a: UnsafePointer<Float>, transposeA: Bool = false,
        _ b: UnsafePointer<Float>, transposeB: Bool = false,
        into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            if beta == 0 { c.update(repeating: 0, count: m * n) } else if beta != 1 {
                for i in 0..<(m * n) { c[i] *= beta }
            }
            return
        }
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n), beta, c, Int32(n))
    }

    /// The product of two tensors viewed as matrices, as a new m x n tensor of `shape`.
    static func product(
        _ a: Tensor, transposeA: Bool = false, _ b: Tensor, transposeB: Bool = false,
        m: Int, n: Int, k: Int, shape: [Int]
    ) -> Tensor {
        a.withPointer { pa in
            b.withPointer { pb in
                Tensor(shape: shape) { c in
                    multiply(pa, transposeA: transposeA, pb, transposeB: transposeB, into: c, m: m, n: n, k: k)
                }
            }
        }
    }
}
