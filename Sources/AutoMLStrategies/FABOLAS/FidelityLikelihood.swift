#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLNumerics

/// The negative log posterior of a FABOLAS model's hyper-parameters and its gradient, for a
/// fixed training set (notation of `FidelityKernel`).
///
/// With `C = K + σ² I`, `K_ij = M_ij S_ij`, `S_ij = a + b φ_i φ_j`, `C = L Lᵀ`, `α = C⁻¹ y` and
/// `Q = α αᵀ - C⁻¹`: `-log p(y | θ) = ½ yᵀα + Σ log L_ii + ½ n log 2π` and
/// `∂/∂θ_j = -½ tr(Q ∂C/∂θ_j)` (Rasmussen & Williams 2006, eq. 5.9), with
/// `∂K_ij/∂log w_k = S_ij M'(r²_ij) w_k δ_k(x_i, x_j)`, `∂K_ij/∂log a = a M_ij`,
/// `∂K_ij/∂log b = b φ_i φ_j M_ij` and `∂C/∂log(σ² - σ²_min) = (σ² - σ²_min) I`.
struct FidelityLikelihood: Sendable {
    /// `X`, `n × d`.
    let x: [Double]
    /// `φ(t_i)`, `n`.
    let phi: [Double]
    /// Standardized targets.
    let y: [Double]
    let categorical: [Bool]

    var count: Int { y.count }
    var dimension: Int { categorical.count }

    /// The MAP raw hyper-parameters by bounded L-BFGS, from `warmStart` when it is usable and
    /// otherwise from the best of the default and `restarts` random points.
    func maximumAPosteriori(warmStart: [Double]?, memory: inout LBFGSMemory, restarts: Int, generator: inout SeededGenerator) -> [Double] {
        let d = dimension
        let (lower, upper) = FidelityHyperparameters.bounds(dimension: d)
        let clamp = { (raw: [Double]) in zip(raw, zip(lower, upper)).map { min(max($0, $1.0), $1.1) } }
        var optimizer = GPHyperparameterFit.optimizer
        optimizer.gradientTolerance = max(optimizer.gradientTolerance, 5e-4 * Double(count))
        if let warmStart, warmStart.count == d + 3, warmStart.allSatisfy(\.isFinite) {
            let result = optimizer.minimize(from: clamp(warmStart), lower: lower, upper: upper, memory: &memory) { raw, gradient in
                negativeLogPosterior(raw: raw, gradient: &gradient)
            }
            if result.value.isFinite { return result.x }
        }
        memory = LBFGSMemory(capacity: optimizer.memory)
        var best = clamp(FidelityHyperparameters.initial(dimension: d).raw)
        var unused = [Double](repeating: 0, count: d + 3)
        var bestValue = negativeLogPosterior(raw: best, gradient: &unused)
        for _ in 0..<max(restarts, 0) {
            var raw: [Double] = []
            for _ in 0..<d { raw.append(-2 * generator.nextDouble(in: log(0.05), log(5))) }
            raw.append(generator.nextDouble(in: log(0.1), log(2)))
            raw.append(generator.nextDouble(in: log(0.01), log(2)))
            raw.append(generator.nextDouble(in: log(1e-4), log(0.3)))
            raw = clamp(raw)
            let value = negativeLogPosterior(raw: raw, gradient: &unused)
            if value < bestValue || (!bestValue.isFinite && value.isFinite) {
                best = raw
                bestValue = value
            }
        }
        return optimizer.minimize(from: best, lower: lower, upper: upper, memory: &memory) { raw, gradient in
            negativeLogPosterior(raw: raw, gradient: &gradient)
        }.x
    }

    /// `-log posterior` (`+infinity` when `C` does not factor), its gradient written into
    /// `gradient` (`d + 3` entries).
    func negativeLogPosterior(raw: [Double], gradient: inout [Double]) -> Double {
        let n = count, d = dimension
        if gradient.count != d + 3 { gradient = [Double](repeating: 0, count: d + 3) }
        for k in gradient.indices { gradient[k] = 0 }
        let hyper = FidelityHyperparameters(raw: raw)
        let kernel = Matern52Kernel(inverseSquaredLengthscales: hyper.inverseSquaredLengthscales, scale: 1, categorical: categorical)
        let a = hyper.offset, b = hyper.slope
        // Lower triangles of C (noise on the diagonal), M and M'.
        var covariance = [Double](repeating: 0, count: n * n)
        var profile = [Double](repeating: 0, count: n * n)
        var slopes = [Double](repeating: 0, count: n * n)
        x.withUnsafeBufferPointer { px in
            guard let base = px.baseAddress else { return }
            for i in 0..<n {
                for j in 0..<i {
                    let (value, slope) = Matern52Kernel.profileAndDerivative(kernel.squaredDistance(base + i * d, base + j * d))
                    profile[i * n + j] = value
                    slopes[i * n + j] = slope
                    covariance[i * n + j] = value * (a + b * phi[i] * phi[j])
                }
                covariance[i * n + i] = a + b * phi[i] * phi[i] + hyper.noise
            }
        }
        guard let chol = try? CholeskyFactorization(symmetric: covariance, dimension: n) else { return .infinity }
        let alpha = chol.solve(y)
        var quadratic = 0.0
        for i in 0..<n { quadratic += y[i] * alpha[i] }
        let logLikelihood = -0.5 * quadratic - 0.5 * chol.logDeterminant - 0.5 * Double(n) * log(2 * Double.pi)
        var inverse = chol.lower
        chol.inverseLowerTriangle(into: &inverse)
        // tr(Q ∂C/∂θ) accumulated over the lower triangle (off-diagonal terms twice).
        var dWeights = [Double](repeating: 0, count: d)
        var dOffset = 0.0, dSlope = 0.0, dNoise = 0.0
        x.withUnsafeBufferPointer { px in
            guard let base = px.baseAddress else { return }
            for i in 0..<n {
                let rowI = base + i * d
                for j in 0..<i {
                    let q = 2 * (alpha[i] * alpha[j] - inverse[i * n + j])
                    let m = profile[i * n + j]
                    dOffset += q * m * a
                    dSlope += q * m * b * phi[i] * phi[j]
                    let t = q * (a + b * phi[i] * phi[j]) * slopes[i * n + j]
                    let rowJ = base + j * d
                    for k in 0..<d {
                        let delta: Double
                        if categorical[k] {
                            delta = rowI[k] == rowJ[k] ? 0 : 1
                        } else {
                            let diff = rowI[k] - rowJ[k]
                            delta = diff * diff
                        }
                        dWeights[k] += t * delta
                    }
                }
                let qii = alpha[i] * alpha[i] - inverse[i * n + i]
                dOffset += qii * a
                dSlope += qii * b * phi[i] * phi[i]
                dNoise += qii
            }
        }
        for k in 0..<d { gradient[k] = -0.5 * dWeights[k] * hyper.inverseSquaredLengthscales[k] }
        gradient[d] = -0.5 * dOffset
        gradient[d + 1] = -0.5 * dSlope
        gradient[d + 2] = -0.5 * dNoise * (hyper.noise - FidelityHyperparameters.minimumNoise)
        let prior = FidelityHyperparameters.negativeLogPrior(raw: raw, gradient: &gradient)
        return -logLikelihood + prior
    }
}
