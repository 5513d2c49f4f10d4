import AutoMLNumerics

/// A Gaussian-process regression model of standardized losses, conditioned on its training
/// points: the posterior of the latent function `f` at new points.
///
/// Notation (see `Matern52Kernel`): `X` (`n × d`) the training points, `y` (`n`) their
/// standardized losses, `C = K(X, X) + σ² I = L Lᵀ`, `β = L⁻¹ y`, `α = C⁻¹ y = L⁻ᵀ β`. At a point
/// `x` with `k = K(X, x)` (`n`): `μ(x) = kᵀα`, `v = L⁻¹k`, `Var f(x) = s - vᵀv` (floored at 0).
///
/// Pending trials enter as *kriging believers* (Ginsbourger et al. 2010): `appendBeliever(at:)`
/// adds the point with its own posterior mean as the observation. The mean surface is unchanged
/// and the variance collapses near the point, so the next suggestion goes elsewhere; the
/// Cholesky factor grows in `O(n²)` instead of being recomputed.
struct GaussianProcess: Sendable {
    let kernel: Matern52Kernel
    let noise: Double
    private(set) var x: [Double]
    private(set) var y: [Double]
    private(set) var factor: CholeskyFactorization
    private(set) var beta: [Double]
    private(set) var alpha: [Double]

    var count: Int { y.count }
    var dimension: Int { kernel.categorical.count }

    /// Conditions the prior given by `hyperparameters` on `(X, y)`.
    /// - Throws: `LinearAlgebraError` when `C` does not factor even with jitter.
    init(x: [Double], y: [Double], hyperparameters: GPHyperparameters, categorical: [Bool]) throws(LinearAlgebraError) {
        let kernel = hyperparameters.kernel(categorical: categorical)
        let n = y.count
        var covariance = kernel.crossCovariance(x, count: n, x, count: n)
        for i in 0..<n { covariance[i * n + i] += hyperparameters.noise }
        let factor = try CholeskyFactorization(symmetric: covariance, dimension: n)
        self.kernel = kernel
        self.noise = hyperparameters.noise
        self.x = x
        self.y = y
        self.factor = factor
        self.beta = factor.solveLower(y)
        self.alpha = factor.solveUpper(beta)
    }

    /// This model conditioned on `points` (`n' × d`), whose first `n` rows must be this model's
    /// own points, and on new standardized `values` for all of them: the factor grows row by row
    /// (`O(n²)` each) instead of being recomputed, and `β`, `α` are solved again.
    ///
    /// - Returns: nil when the cached points are not a prefix of `points`, or when more than
    ///   `max(8, n/4)` rows would be appended (a fresh factorization is then about as cheap).
    func extended(to points: [Double], values: [Double]) -> GaussianProcess? {
        let d = dimension, n = count, grown = values.count
        guard points.count == grown * d, grown >= n, grown - n <= max(8, n / 4) else { return nil }
        guard points[0..<(n * d)].elementsEqual(x) else { return nil }
        var result = self
        for i in n..<grown {
            let z = Array(points[(i * d)..<((i + 1) * d)])
            let column = kernel.crossCovariance(z, count: 1, result.x, count: i)
            result.factor.append(column: column, diagonal: kernel.scale + noise)
            result.x.append(contentsOf: z)
        }
        result.y = values
        result.beta = result.factor.solveLower(values)
        result.alpha = result.factor.solveUpper(result.beta)
        return result
    }

    // MARK: - Posterior

    /// Posterior means and variances of `f` at `m` points (`m × d` row-major): one cross
    /// covariance, one `dgemv` and one `dtrsm` for the whole batch.
    func posterior(points: [Double], count m: Int) -> (mean: [Double], variance: [Double]) {
        let n = count
        var cross = kernel.crossCovariance(points, count: m, x, count: n)
        let mean = DenseMatrix(rows: m, columns: n, storage: cross).multiplied(by: alpha)
        factor.solveLowerRows(&cross, count: m)
        var variance = [Double](repeating: kernel.scale, count: m)
        cross.withUnsafeBufferPointer { v in
            for i in 0..<m {
                var sum = 0.0
                for j in 0..<n { sum += v[i * n + j] * v[i * n + j] }
                variance[i] = max(kernel.scale - sum, 0)
            }
        }
        return (mean, variance)
    }

    /// The posterior at one point with the gradients of mean and variance with respect to the
    /// ordered (non-categorical) coordinates listed in `coordinates`.
    func posteriorWithGradient(at z: [Double], coordinates: [Int]) -> (mean: Double, variance: Double, dMean: [Double], dVariance: [Double]) {
        let n = count, d = dimension
        var k = [Double](repeating: 0, count: n)
        var slopes = [Double](repeating: 0, count: n)
        x.withUnsafeBufferPointer { px in
            z.withUnsafeBufferPointer { pz in
                guard let base = px.baseAddress, let point = pz.baseAddress else { return }
                for j in 0..<n {
                    let (value, slope) = Matern52Kernel.profileAndDerivative(kernel.squaredDistance(point, base + j * d))
                    k[j] = kernel.scale * value
                    slopes[j] = kernel.scale * slope
                }
            }
        }
        var mean = 0.0
        for j in 0..<n { mean += k[j] * alpha[j] }
        var v = k
        factor.solveLower(inPlace: &v)
        var explained = 0.0
        for j in 0..<n { explained += v[j] * v[j] }
        let variance = max(kernel.scale - explained, 0)
        factor.solveUpper(inPlace: &v)  // now C⁻¹ k
        var dMean = [Double](repeating: 0, count: coordinates.count)
        var dVariance = [Double](repeating: 0, count: coordinates.count)
        x.withUnsafeBufferPointer { px in
            for (slot, c) in coordinates.enumerated() {
                let w2 = 2 * kernel.inverseSquaredLengthscales[c]
                var gm = 0.0, gv = 0.0
                for j in 0..<n {
                    // ∂k_j/∂z_c = s M'(r²) · 2 w_c (z_c - X_jc)
                    let g = slopes[j] * w2 * (z[c] - px[j * d + c])
                    gm += g * alpha[j]
                    gv += g * v[j]
                }
                dMean[slot] = gm
                dVariance[slot] = variance > 0 ? -2 * gv : 0
            }
        }
        return (mean, variance, dMean, dVariance)
    }

    /// The posterior mean at one point.
    func mean(at z: [Double]) -> Double {
        posterior(points: z, count: 1).mean[0]
    }

    // MARK: - Believers

    /// Conditions on `z` as if its loss had been observed at the current posterior mean, and
    /// returns that believed loss.
    @discardableResult
    mutating func appendBeliever(at z: [Double]) -> Double {
        let n = count
        let column = kernel.crossCovariance(z, count: 1, x, count: n)
        var believed = 0.0
        for j in 0..<n { believed += column[j] * alpha[j] }
        factor.append(column: column, diagonal: kernel.scale + noise)
        x.append(contentsOf: z)
        y.append(believed)
        // β grows by (y_new - lᵀβ) / l_nn, which is 0 up to rounding for a believer; recompute
        // it exactly from the new row to stay consistent with the factor.
        let last = factor.dimension - 1
        var dotted = 0.0
        for j in 0..<last { dotted += factor.lower[last * factor.dimension + j] * beta[j] }
        beta.append((believed - dotted) / factor.lower[last * factor.dimension + last])
        alpha = factor.solveUpper(beta)
        return believed
    }
}
