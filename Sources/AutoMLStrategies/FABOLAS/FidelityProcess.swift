import AutoMLNumerics

/// A Gaussian process over (configuration, subset size) with FABOLAS's kernel, conditioned on
/// its training points (notation of `FidelityKernel`).
///
/// `C = K + σ² I = L Lᵀ`, `β = L⁻¹ y`. For a configuration `x` with `m_j = M(x, X_j)`, the
/// cross-covariance with the training points at any subset size `t` is
/// `k(t) = a m + b φ(t) (m ⊙ φ)`, so with `p = L⁻¹ m` and `q = L⁻¹ (m ⊙ φ)` the whole subset-size
/// axis follows from two triangular solves (`Projection`):
/// `μ(t) = a pᵀβ + b φ(t) qᵀβ`,
/// `Cov(f(x, t), f(x, t')) = a + b φ(t) φ(t') - (a p + b φ(t) q)ᵀ(a p + b φ(t') q)`.
///
/// Pending trials enter as kriging believers (`appendBeliever`), as in `GaussianProcess`.
struct FidelityProcess: Sendable {
    let kernel: FidelityKernel
    let noise: Double
    private(set) var x: [Double]
    private(set) var t: [Double]
    private(set) var factor: CholeskyFactorization
    private(set) var beta: [Double]

    var count: Int { t.count }
    var dimension: Int { kernel.configurations.categorical.count }

    /// - Throws: `LinearAlgebraError` when `C` does not factor even with jitter.
    init(x: [Double], t: [Double], y: [Double], hyperparameters: FidelityHyperparameters, categorical: [Bool], basis: FidelityKernel.Basis) throws(LinearAlgebraError) {
        let kernel = FidelityKernel(hyperparameters: hyperparameters, categorical: categorical, basis: basis)
        var covariance = kernel.crossCovariance(x, t, x, t)
        let n = t.count
        for i in 0..<n { covariance[i * n + i] += hyperparameters.noise }
        let factor = try CholeskyFactorization(symmetric: covariance, dimension: n)
        self.kernel = kernel
        self.noise = hyperparameters.noise
        self.x = x
        self.t = t
        self.factor = factor
        self.beta = factor.solveLower(y)
    }

    /// What the posterior at `m` configurations needs for any subset size.
    struct Projection: Sendable {
        /// `a pᵀβ` and `b qᵀβ`.
        var meanOffset: [Double]
        var meanSlope: [Double]
        /// `pᵀp`, `pᵀq`, `qᵀq`.
        var pp: [Double]
        var pq: [Double]
        var qq: [Double]
    }

    /// The projections of `m` configurations (`m × d`).
    func project(_ points: [Double], count m: Int) -> Projection {
        let n = count
        var p = kernel.configurations.crossCovariance(points, count: m, x, count: n)
        let phi = t.map { kernel.basis($0) }
        var q = p
        for i in 0..<m {
            for j in 0..<n { q[i * n + j] *= phi[j] }
        }
        factor.solveLowerRows(&p, count: m)
        factor.solveLowerRows(&q, count: m)
        var projection = Projection(
            meanOffset: .init(repeating: 0, count: m), meanSlope: .init(repeating: 0, count: m),
            pp: .init(repeating: 0, count: m), pq: .init(repeating: 0, count: m), qq: .init(repeating: 0, count: m))
        let a = kernel.offset, b = kernel.slope
        for i in 0..<m {
            var pb = 0.0, qb = 0.0, pp = 0.0, pq = 0.0, qq = 0.0
            for j in 0..<n {
                let pj = p[i * n + j], qj = q[i * n + j]
                pb += pj * beta[j]
                qb += qj * beta[j]
                pp += pj * pj
                pq += pj * qj
                qq += qj * qj
            }
            projection.meanOffset[i] = a * pb
            projection.meanSlope[i] = b * qb
            projection.pp[i] = pp
            projection.pq[i] = pq
            projection.qq[i] = qq
        }
        return projection
    }

    /// Posterior mean of configuration `i` of a projection at subset size `t`.
    func mean(_ projection: Projection, _ i: Int, at t: Double) -> Double {
        projection.meanOffset[i] + kernel.basis(t) * projection.meanSlope[i]
    }

    /// Posterior covariance of `f(x_i, t)` and `f(x_i, u)` (the variance when `t == u`), floored
    /// at 0 on the diagonal.
    func covariance(_ projection: Projection, _ i: Int, _ t: Double, _ u: Double) -> Double {
        let a = kernel.offset, b = kernel.slope
        let ft = kernel.basis(t), fu = kernel.basis(u)
        let explained = a * a * projection.pp[i] + a * b * (ft + fu) * projection.pq[i] + b * b * ft * fu * projection.qq[i]
        let value = a + b * ft * fu - explained
        return t == u ? max(value, 0) : value
    }

    /// Posterior mean at one point.
    func mean(at point: [Double], t: Double) -> Double {
        mean(project(point, count: 1), 0, at: t)
    }

    /// Conditions on `(point, t)` as if the posterior mean had been observed there.
    mutating func appendBeliever(at point: [Double], t u: Double) {
        let n = count
        let believed = mean(at: point, t: u)
        let column = kernel.crossCovariance(point, [u], x, t)
        factor.append(column: column, diagonal: kernel.fidelity(u, u) + noise)
        x.append(contentsOf: point)
        t.append(u)
        let last = factor.dimension - 1
        var dotted = 0.0
        for j in 0..<n { dotted += factor.lower[last * factor.dimension + j] * beta[j] }
        beta.append((believed - dotted) / factor.lower[last * factor.dimension + last])
    }
}
