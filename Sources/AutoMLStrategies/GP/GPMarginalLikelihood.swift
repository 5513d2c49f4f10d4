#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLNumerics
import COpenBLAS

/// The negative log posterior of the hyper-parameters, `-log p(y | X, θ) - log p(θ)`, and its
/// gradient, for a fixed training set.
///
/// With `C = K + σ² I` (`K` the kernel matrix, `n × n`), `C = L Lᵀ` and `α = C⁻¹ y`:
/// `-log p(y | X, θ) = ½ yᵀα + Σ log Lᵢᵢ + ½ n log 2π` and
/// `∂/∂θⱼ = -½ tr((α αᵀ - C⁻¹) ∂C/∂θⱼ)` (Rasmussen & Williams 2006, eq. 5.9), with
/// `∂C/∂log s = K`, `∂C/∂log(σ² - σ²_min) = (σ² - σ²_min) I` and
/// `∂Cᵢⱼ/∂log w_k = s M'(r²ᵢⱼ) w_k δ_k(xᵢ, xⱼ)`. Cost per evaluation: one Cholesky factor and
/// one inverse (`dpotrf`, `dpotri`, about `n³` flops) and `O(n² d)` for the kernel and the traces.
///
/// **Pairwise distances once.** The per-coordinate distances `δ_k(xᵢ, xⱼ)` of the `P = n(n-1)/2`
/// pairs do not depend on `θ`, so they are computed once per training set as a `P × d` matrix
/// `Δ` (as Optuna keeps its `sqd` tensor). Then every evaluation gets all `r²` as one matrix-vector
/// product `Δ w` and the length-scale gradient as another, `Δᵀ t` with `t_p = 2 q_p s M'(r²_p)`
/// (`dgemv` both). Above `maximumPairEntries` entries (about 128 MB) the distances are recomputed
/// per evaluation instead.
///
/// **No allocation per evaluation.** An optimizer evaluates the same training set dozens of
/// times: its buffers (`Workspace`: one `n × n` matrix factored, then inverted in place by LAPACK,
/// and three pair vectors) are allocated once per fit and reused; allocating and page-faulting
/// fresh `n × n` arrays each time cost about a fifth of a fit.
struct GPMarginalLikelihood: Sendable {
    /// `X`, `n × d` row-major GP points.
    let x: [Double]
    /// Standardized losses.
    let y: [Double]
    let categorical: [Bool]
    /// Pins the noise at its floor (noise-free objectives).
    let fixedNoise: Bool
    /// `Δ`, `P × d` row-major, pairs `(i, j < i)` in row order of the lower triangle; empty when
    /// it would exceed `maximumPairEntries`.
    private let differences: [Double]

    /// The largest `Δ` kept in memory, in entries.
    static let maximumPairEntries = 16_000_000

    var count: Int { y.count }
    var dimension: Int { categorical.count }
    private var pairCount: Int { count * (count - 1) / 2 }

    /// - Parameter pairLimit: Keep `Δ` only up to this many entries (tests lower it to check that
    ///   both paths agree).
    init(x: [Double], y: [Double], categorical: [Bool], fixedNoise: Bool, pairLimit: Int = GPMarginalLikelihood.maximumPairEntries) {
        self.x = x
        self.y = y
        self.categorical = categorical
        self.fixedNoise = fixedNoise
        let n = y.count, d = categorical.count
        let pairs = n * (n - 1) / 2
        guard pairs * d <= pairLimit, pairs > 0, d > 0 else {
            differences = []
            return
        }
        differences = [Double](unsafeUninitializedCapacity: pairs * d) { buffer, initialized in
            x.withUnsafeBufferPointer { px in
                var p = 0
                for i in 0..<n {
                    for j in 0..<i {
                        for k in 0..<d {
                            let a = px[i * d + k], b = px[j * d + k]
                            if categorical[k] {
                                buffer[p] = a == b ? 0 : 1
                            } else {
                                buffer[p] = (a - b) * (a - b)
                            }
                            p += 1
                        }
                    }
                }
            }
            initialized = pairs * d
        }
    }

    /// Buffers reused across evaluations of one likelihood (see the type's documentation).
    struct Workspace {
        /// `C`, then `L`, then `C⁻¹` (lower triangle, row-major).
        var matrix: [Double] = []
        /// Per pair: `r²`, then `s M(r²)`; `M'(r²)`; `t_p`.
        var values: [Double] = []
        var slopes: [Double] = []
        var weights: [Double] = []
    }

    /// `-log posterior`, or `+infinity` when the covariance does not factor.
    func negativeLogPosterior(raw: [Double]) -> Double {
        var unused: [Double] = []
        var workspace = Workspace()
        return evaluate(raw: raw, gradient: &unused, wantsGradient: false, workspace: &workspace)
    }

    /// `-log posterior` with its gradient with respect to `θ` written into `gradient` (`d + 2`).
    func negativeLogPosterior(raw: [Double], gradient: inout [Double]) -> Double {
        var workspace = Workspace()
        return evaluate(raw: raw, gradient: &gradient, wantsGradient: true, workspace: &workspace)
    }

    /// `-log posterior` (and its gradient when `gradient` is non-nil) with buffers from
    /// `workspace`, for optimizers that evaluate many times.
    func negativeLogPosterior(raw: [Double], gradient: inout [Double], wantsGradient: Bool, workspace: inout Workspace) -> Double {
        evaluate(raw: raw, gradient: &gradient, wantsGradient: wantsGradient, workspace: &workspace)
    }

    /// Writes `r²` of every pair (lower-triangle row order) into `r2` (`P` values).
    private func squaredDistances(_ kernel: Matern52Kernel, into r2: UnsafeMutableBufferPointer<Double>) {
        let n = count, d = dimension, pairs = pairCount
        guard pairs > 0, d > 0 else { return }
        if !differences.isEmpty {
            differences.withUnsafeBufferPointer { a in
                kernel.inverseSquaredLengthscales.withUnsafeBufferPointer { w in
                    cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(pairs), Int32(d), 1, a.baseAddress, Int32(d), w.baseAddress, 1, 0, r2.baseAddress, 1)
                }
            }
            return
        }
        x.withUnsafeBufferPointer { px in
            guard let base = px.baseAddress else { return }
            var p = 0
            for i in 0..<n {
                for j in 0..<i {
                    r2[p] = kernel.squaredDistance(base + i * d, base + j * d)
                    p += 1
                }
            }
        }
    }

    /// `Σ_p t_p δ_k(p)` for every coordinate `k`.
    private func weightedDifferenceSums(_ t: [Double]) -> [Double] {
        let n = count, d = dimension, pairs = pairCount
        var sums = [Double](repeating: 0, count: d)
        guard pairs > 0, d > 0 else { return sums }
        if !differences.isEmpty {
            differences.withUnsafeBufferPointer { a in
                t.withUnsafeBufferPointer { tp in
                    sums.withUnsafeMutableBufferPointer { out in
                        cblas_dgemv(CblasRowMajor, CblasTrans, Int32(pairs), Int32(d), 1, a.baseAddress, Int32(d), tp.baseAddress, 1, 0, out.baseAddress, 1)
                    }
                }
            }
            return sums
        }
        x.withUnsafeBufferPointer { px in
            var p = 0
            for i in 0..<n {
                for j in 0..<i {
                    for k in 0..<d {
                        let a = px[i * d + k], b = px[j * d + k]
                        sums[k] += t[p] * (categorical[k] ? (a == b ? 0 : 1) : (a - b) * (a - b))
                    }
                    p += 1
                }
            }
        }
        return sums
    }

    /// Fills the lower triangle of `matrix` with `C` (pair values from `values`) plus `extra` on
    /// the diagonal, and factors it in place (`dpotrf`); false when it is not positive definite.
    private func factor(_ matrix: inout [Double], values: [Double], diagonal: Double, extra: Double) -> Bool {
        let n = count
        let info = matrix.withUnsafeMutableBufferPointer { c -> Int32 in
            var p = 0
            for i in 0..<n {
                for j in 0..<i {
                    c[i * n + j] = values[p]
                    p += 1
                }
                c[i * n + i] = diagonal + extra
            }
            // A row-major lower triangle is a column-major upper one.
            return LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), c.baseAddress, Int32(n))
        }
        guard info == 0 else { return false }
        for i in 0..<n where !(matrix[i * n + i].isFinite && matrix[i * n + i] > 0) { return false }
        return true
    }

    private func evaluate(raw: [Double], gradient: inout [Double], wantsGradient: Bool, workspace: inout Workspace) -> Double {
        let n = count, d = dimension, pairs = pairCount
        guard n > 0 else { return GPHyperparameters.negativeLogPrior(raw: raw, gradient: nil) }
        let hyper = GPHyperparameters(raw: raw)
        let kernel = hyper.kernel(categorical: categorical)
        let s = hyper.scale
        if workspace.matrix.count != n * n { workspace.matrix = [Double](repeating: 0, count: n * n) }
        if workspace.values.count != pairs {
            workspace.values = [Double](repeating: 0, count: pairs)
            workspace.slopes = [Double](repeating: 0, count: pairs)
            workspace.weights = [Double](repeating: 0, count: pairs)
        }
        // Per pair: r², then s M(r²) in `values` and M'(r²) in `slopes`.
        workspace.values.withUnsafeMutableBufferPointer { squaredDistances(kernel, into: $0) }
        workspace.values.withUnsafeMutableBufferPointer { v in
            workspace.slopes.withUnsafeMutableBufferPointer { m in
                Matern52Kernel.profilesAndDerivatives(UnsafeBufferPointer(v), values: v, slopes: m, scale: s)
            }
        }
        // C = L Lᵀ, with the jitter of `CholeskyFactorization.JitterPolicy.standard` if needed.
        let diagonal = s + hyper.noise
        var jitter = 0.0
        var factored = factor(&workspace.matrix, values: workspace.values, diagonal: diagonal, extra: 0)
        var attempt = 0
        while !factored, attempt < CholeskyFactorization.JitterPolicy.standard.attempts {
            let policy = CholeskyFactorization.JitterPolicy.standard
            jitter = policy.initial * abs(diagonal) * pow(policy.growth, Double(attempt))
            factored = factor(&workspace.matrix, values: workspace.values, diagonal: diagonal, extra: jitter)
            attempt += 1
        }
        guard factored, diagonal.isFinite else { return .infinity }
        // α = C⁻¹ y by two triangular solves; log det C = 2 Σ log Lᵢᵢ.
        var alpha = y
        var logDeterminant = 0.0
        workspace.matrix.withUnsafeBufferPointer { l in
            alpha.withUnsafeMutableBufferPointer { a in
                cblas_dtrsv(CblasRowMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(n), l.baseAddress, Int32(n), a.baseAddress, 1)
                cblas_dtrsv(CblasRowMajor, CblasLower, CblasTrans, CblasNonUnit, Int32(n), l.baseAddress, Int32(n), a.baseAddress, 1)
            }
            for i in 0..<n { logDeterminant += 2 * log(l[i * n + i]) }
        }
        var quadratic = 0.0
        for i in 0..<n { quadratic += y[i] * alpha[i] }
        let logLikelihood = -0.5 * quadratic - 0.5 * logDeterminant - 0.5 * Double(n) * log(2 * Double.pi)
        guard wantsGradient else {
            return -logLikelihood + GPHyperparameters.negativeLogPrior(raw: raw, gradient: nil)
        }
        // C⁻¹ in place (`dpotri`, lower triangle); Q = α αᵀ - C⁻¹; t_p = 2 q_p s M'(r²_p).
        _ = workspace.matrix.withUnsafeMutableBufferPointer { c in
            LAPACKE_dpotri(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), c.baseAddress, Int32(n))
        }
        var dScale = 0.0
        var dNoise = 0.0
        workspace.values.withUnsafeBufferPointer { c in
            workspace.slopes.withUnsafeBufferPointer { m in
                workspace.matrix.withUnsafeBufferPointer { inv in
                    workspace.weights.withUnsafeMutableBufferPointer { t in
                        var p = 0
                        for i in 0..<n {
                            let ai = alpha[i]
                            for j in 0..<i {
                                let q = ai * alpha[j] - inv[i * n + j]
                                dScale += 2 * q * c[p]
                                t[p] = 2 * q * s * m[p]
                                p += 1
                            }
                            let qii = ai * ai - inv[i * n + i]
                            dScale += qii * s
                            dNoise += qii
                        }
                    }
                }
            }
        }
        let dWeights = weightedDifferenceSums(workspace.weights)
        if gradient.count != d + 2 { gradient = [Double](repeating: 0, count: d + 2) }
        for k in 0..<d { gradient[k] = -0.5 * dWeights[k] * hyper.inverseSquaredLengthscales[k] }
        gradient[d] = -0.5 * dScale
        gradient[d + 1] = fixedNoise ? 0 : -0.5 * dNoise * (hyper.noise - GPHyperparameters.minimumNoise)
        let prior = gradient.withUnsafeMutableBufferPointer { g in
            GPHyperparameters.negativeLogPrior(raw: raw, gradient: g)
        }
        if fixedNoise { gradient[d + 1] = 0 }
        return -logLikelihood + prior
    }
}
