/// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations.
///
/// CMA-ES samples `m + σ B D z` with `C = B D² Bᵀ`, so it needs `C`'s eigenvectors `B` and
/// eigenvalues `D²` once per generation. Jacobi is short, needs no library, is accurate to a
/// few ulps even for ill-conditioned `C`, and is deterministic; its `O(n³)` per sweep is cheap
/// at the dimensions hyper-parameter spaces have.
///
/// Notation: `n` the order; matrices are row-major `[Double]` of `n * n` entries;
/// `vectors[i * n + k]` is component `i` of eigenvector `k` (the columns of `B`).
enum SymmetricEigen {
    /// The eigenvalues (unsorted) and eigenvectors (orthonormal columns) of symmetric `matrix`.
    ///
    /// Only the upper triangle is trusted; the lower one is taken as its mirror. Stops when the
    /// off-diagonal mass is below `1e-30` of the total or after 64 sweeps.
    static func decompose(_ matrix: [Double], order n: Int) -> (values: [Double], vectors: [Double]) {
        var a = matrix
        for i in 0..<n {
            for j in (i + 1)..<n { a[j * n + i] = a[i * n + j] }
        }
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        guard n > 1 else { return (a, v) }
        var total = 0.0
        for x in a { total += x * x }
        for _ in 0..<64 {
            var off = 0.0
            for i in 0..<n {
                for j in (i + 1)..<n { off += a[i * n + j] * a[i * n + j] }
            }
            if off <= 1e-30 * total || off == 0 { break }
            for p in 0..<(n - 1) {
                for q in (p + 1)..<n {
                    rotate(&a, &v, n: n, p: p, q: q)
                }
            }
        }
        return ((0..<n).map { a[$0 * n + $0] }, v)
    }

    /// One Jacobi rotation annihilating `a[p][q]`, accumulated into `v`.
    private static func rotate(_ a: inout [Double], _ v: inout [Double], n: Int, p: Int, q: Int) {
        let apq = a[p * n + q]
        guard apq != 0 else { return }
        let app = a[p * n + p], aqq = a[q * n + q]
        let theta = (aqq - app) / (2 * apq)
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot()
        let s = t * c
        for k in 0..<n {
            let akp = a[k * n + p], akq = a[k * n + q]
            a[k * n + p] = c * akp - s * akq
            a[k * n + q] = s * akp + c * akq
        }
        for k in 0..<n {
            let apk = a[p * n + k], aqk = a[q * n + k]
            a[p * n + k] = c * apk - s * aqk
            a[q * n + k] = s * apk + c * aqk
        }
        a[p * n + q] = 0
        a[q * n + p] = 0
        for k in 0..<n {
            let vkp = v[k * n + p], vkq = v[k * n + q]
            v[k * n + p] = c * vkp - s * vkq
            v[k * n + q] = s * vkp + c * vkq
        }
    }
}
