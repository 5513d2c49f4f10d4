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

    /// Overwrites every `r²` in `values` with `scale · M(r²)`.
    static func profiles(inPlace values: UnsafeMutableBufferPointer<Double>, scale: Double) {
        for i in values.indices { values[i] = scale * profile(values[i]) }
    }

    /// For every `r²` in `squared`: `scale · M(r²)` into `values` and `M'(r²)` into `slopes`.
    static func profilesAndDerivatives(
        _ squared: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>, slopes: UnsafeMutableBufferPointer<Double>, scale: Double
    ) {
        for i in squared.indices {
            let (value, slope) = profileAndDerivative(squared[i])
            values[i] = scale * value
            slopes[i] = slope
        }
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
    /// `r²` is accumulated coordinate by coordinate over a transposed copy of `b`, so the inner
    /// loop runs over `n` contiguous values (and vectorizes); each difference is taken directly,
    /// so `r²` is exact to rounding even for nearly coincident points.
    func crossCovariance(_ a: [Double], count m: Int, _ b: [Double], count n: Int) -> [Double] {
        let d = inverseSquaredLengthscales.count
        var result = [Double](repeating: 0, count: m * n)
        guard m > 0, n > 0 else { return result }
        var columns = [Double](repeating: 0, count: n * d)
        for j in 0..<n {
            for k in 0..<d { columns[k * n + j] = b[j * d + k] }
        }
        result.withUnsafeMutableBufferPointer { out in
            columns.withUnsafeBufferPointer { bt in
                a.withUnsafeBufferPointer { pa in
                    guard let outBase = out.baseAddress, let columnBase = bt.baseAddress else { return }
                    for i in 0..<m {
                        let row = outBase + i * n
                        for k in 0..<d {
                            let value = pa[i * d + k], weight = inverseSquaredLengthscales[k]
                            let column = columnBase + k * n
                            if categorical[k] {
                                for j in 0..<n where column[j] != value { row[j] += weight }
                            } else {
                                for j in 0..<n {
                                    let diff = value - column[j]
                                    row[j] += weight * diff * diff
                                }
                            }
                        }
                    }
                }
            }
            Self.profiles(inPlace: out, scale: scale)
        }
        return result
    }
}
