#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLNumerics

/// The Matérn-5/2 kernel with automatic relevance determination (one length scale per
/// coordinate), on GP points (see `GPSpaceEncoding`).
///
/// `k(x, x') = s · M(r²)`, `M(r²) = (1 + √(5r²) + 5r²/3) · exp(-√(5r²))`,
/// `r² = Σ_d w_d δ_d(x, x')`, where `w_d = 1/ℓ_d²` is the inverse squared length scale and
/// `δ_d = (x_d - x'_d)²` for ordered coordinates, `δ_d = [x_d ≠ x'_d]` (Hamming) for categorical
/// ones. Twice differentiable sample paths: smooth enough for gradients, rough enough for real
/// objectives (Snoek et al. 2012 §3.1).
///
/// Notation used across the GP files: `n` training points, `d` coordinates, `X` the `n × d`
/// row-major training matrix, `w` (`d`) the inverse squared length scales, `s` the kernel scale
/// (prior variance of `f`), `σ²` the noise variance.
struct Matern52Kernel: Sendable, Hashable {
    /// `w_d = 1 / ℓ_d²`, one per coordinate.
    var inverseSquaredLengthscales: [Double]
    /// `s`, the prior variance of the latent function.
    var scale: Double
    /// Which coordinates compare by equality.
    let categorical: [Bool]

    /// `M(r²)`; `M(0) = 1`.
    @inline(__always) static func profile(_ r2: Double) -> Double {
        let root = (5 * r2).squareRoot()
        return (1 + root + 5.0 / 3.0 * r2) * exp(-root)
    }

    /// `dM/d(r²) = -5/6 · (1 + √(5r²)) · exp(-√(5r²))`, finite at 0.
    @inline(__always) static func profileDerivative(_ r2: Double) -> Double {
        let root = (5 * r2).squareRoot()
        return -5.0 / 6.0 * (1 + root) * exp(-root)
    }

    /// `M` and `dM/d(r²)` together (one `exp`).
    @inline(__always) static func profileAndDerivative(_ r2: Double) -> (Double, Double) {
        let root = (5 * r2).squareRoot()
        let e = exp(-root)
        return ((1 + root + 5.0 / 3.0 * r2) * e, -5.0 / 6.0 * (1 + root) * e)
    }

    /// `r²` between the points starting at `a` and `b` (`d` coordinates each).
    @inline(__always) func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>) -> Double {
        var sum = 0.0
        for k in 0..<inverseSquaredLengthscales.count {
            let delta: Double
            if categorical[k] {
                delta = a[k] == b[k] ? 0 : 1
            } else {
                let diff = a[k] - b[k]
                delta = diff * diff
            }
            sum += inverseSquaredLengthscales[k] * delta
        }
        return sum
    }

    /// `k(a, b)`.
    func callAsFunction(_ a: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                guard let ba = pa.baseAddress, let bb = pb.baseAddress else { return scale }
                return scale * Self.profile(squaredDistance(ba, bb))
            }
        }
    }

    /// The `m × n` cross-covariance between `m` points and `n` points (row-major blocks).
    ///
    /// The ordered part of `r²` comes from one `dgemm`: with `ã = √w ⊙ a`,
    /// `Σ_k w_k (a_k - b_k)² = |ã|² + |b̃|² - 2 ãᵀb̃` (clamped at 0 against rounding); the
    /// categorical part is added by a loop over the categorical coordinates only.
    func crossCovariance(_ a: [Double], count m: Int, _ b: [Double], count n: Int) -> [Double] {
        let d = inverseSquaredLengthscales.count
        var result = [Double](repeating: 0, count: m * n)
        guard m > 0, n > 0 else { return result }
        let ordered = (0..<d).filter { !categorical[$0] }
        let nominal = (0..<d).filter { categorical[$0] }
        let q = ordered.count
        if q > 0 {
            let roots = ordered.map { inverseSquaredLengthscales[$0].squareRoot() }
            func scaled(_ points: [Double], _ count: Int) -> (DenseMatrix, [Double]) {
                var matrix = DenseMatrix(rows: count, columns: q)
                var norms = [Double](repeating: 0, count: count)
                for i in 0..<count {
                    var norm = 0.0
                    for (slot, k) in ordered.enumerated() {
                        let v = points[i * d + k] * roots[slot]
                        matrix.storage[i * q + slot] = v
                        norm += v * v
                    }
                    norms[i] = norm
                }
                return (matrix, norms)
            }
            let (sa, na) = scaled(a, m)
            let (sb, nb) = scaled(b, n)
            let inner = sa.multiplied(by: sb, transposeOther: true)
            result.withUnsafeMutableBufferPointer { out in
                inner.storage.withUnsafeBufferPointer { g in
                    for i in 0..<m {
                        for j in 0..<n { out[i * n + j] = max(na[i] + nb[j] - 2 * g[i * n + j], 0) }
                    }
                }
            }
        }
        if !nominal.isEmpty {
            result.withUnsafeMutableBufferPointer { out in
                for i in 0..<m {
                    for j in 0..<n {
                        var sum = 0.0
                        for k in nominal where a[i * d + k] != b[j * d + k] { sum += inverseSquaredLengthscales[k] }
                        out[i * n + j] += sum
                    }
                }
            }
        }
        let s = scale
        result.withUnsafeMutableBufferPointer { out in
            for i in 0..<(m * n) { out[i] = s * Self.profile(out[i]) }
        }
        return result
    }
}
