#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLNumerics

/// The negative log posterior of the hyper-parameters, `-log p(y | X, θ) - log p(θ)`, and its
/// gradient, for a fixed training set.
///
/// With `C = K + σ² I` (`K` the kernel matrix, `n × n`), `C = L Lᵀ` and `α = C⁻¹ y`:
/// `-log p(y | X, θ) = ½ yᵀα + Σ log Lᵢᵢ + ½ n log 2π` and
/// `∂/∂θⱼ = -½ tr((α αᵀ - C⁻¹) ∂C/∂θⱼ)` (Rasmussen & Williams 2006, eq. 5.9), with
/// `∂C/∂log s = K`, `∂C/∂log(σ² - σ²_min) = (σ² - σ²_min) I` and
/// `∂Cᵢⱼ/∂log w_k = s M'(r²ᵢⱼ) w_k δ_k(xᵢ, xⱼ)`. Cost per evaluation: one Cholesky factor and
/// one inverse (`dpotrf`, `dpotri`, about `n³` flops) and `O(n² d)` for the kernel and the traces.
struct GPMarginalLikelihood: Sendable {
    /// `X`, `n × d` row-major GP points.
    let x: [Double]
    /// Standardized losses.
    let y: [Double]
    let categorical: [Bool]
    /// Pins the noise at its floor (noise-free objectives).
    let fixedNoise: Bool

    var count: Int { y.count }
    var dimension: Int { categorical.count }

    /// `-log posterior`, or `+infinity` when the covariance does not factor.
    func negativeLogPosterior(raw: [Double]) -> Double {
        var unused: [Double] = []
        return evaluate(raw: raw, gradient: &unused, wantsGradient: false)
    }

    /// `-log posterior` with its gradient with respect to `θ` written into `gradient` (`d + 2`).
    func negativeLogPosterior(raw: [Double], gradient: inout [Double]) -> Double {
        evaluate(raw: raw, gradient: &gradient, wantsGradient: true)
    }

    private func evaluate(raw: [Double], gradient: inout [Double], wantsGradient: Bool) -> Double {
        let n = count, d = dimension
        let hyper = GPHyperparameters(raw: raw)
        let kernel = hyper.kernel(categorical: categorical)
        let s = hyper.scale
        // K (lower triangle, without noise) and M'(r²) (lower triangle).
        var covariance = [Double](repeating: 0, count: n * n)
        var slopes = [Double](repeating: 0, count: wantsGradient ? n * n : 0)
        x.withUnsafeBufferPointer { px in
            covariance.withUnsafeMutableBufferPointer { c in
                slopes.withUnsafeMutableBufferPointer { m in
                    guard let base = px.baseAddress else { return }
                    for i in 0..<n {
                        for j in 0..<i {
                            let r2 = kernel.squaredDistance(base + i * d, base + j * d)
                            if wantsGradient {
                                let (value, slope) = Matern52Kernel.profileAndDerivative(r2)
                                c[i * n + j] = s * value
                                m[i * n + j] = slope
                            } else {
                                c[i * n + j] = s * Matern52Kernel.profile(r2)
                            }
                        }
                        c[i * n + i] = s + hyper.noise
                    }
                }
            }
        }
        guard let chol = try? CholeskyFactorization(symmetric: covariance, dimension: n) else { return .infinity }
        let alpha = chol.solve(y)
        var quadratic = 0.0
        for i in 0..<n { quadratic += y[i] * alpha[i] }
        let logLikelihood = -0.5 * quadratic - 0.5 * chol.logDeterminant - 0.5 * Double(n) * log(2 * Double.pi)
        guard wantsGradient else {
            return -logLikelihood + GPHyperparameters.negativeLogPrior(raw: raw, gradient: nil)
        }
        // Q = α αᵀ - C⁻¹, read from the lower triangle.
        var inverse = chol.lower
        chol.inverseLowerTriangle(into: &inverse)
        var dScale = 0.0
        var dNoise = 0.0
        var dWeights = [Double](repeating: 0, count: d)
        x.withUnsafeBufferPointer { px in
            covariance.withUnsafeBufferPointer { c in
                slopes.withUnsafeBufferPointer { m in
                    inverse.withUnsafeBufferPointer { inv in
                        dWeights.withUnsafeMutableBufferPointer { dw in
                            guard let base = px.baseAddress else { return }
                            for i in 0..<n {
                                let ai = alpha[i]
                                let rowI = base + i * d
                                for j in 0..<i {
                                    let q = ai * alpha[j] - inv[i * n + j]
                                    dScale += 2 * q * c[i * n + j]
                                    let t = 2 * q * s * m[i * n + j]
                                    let rowJ = base + j * d
                                    for k in 0..<d {
                                        let delta: Double
                                        if categorical[k] {
                                            delta = rowI[k] == rowJ[k] ? 0 : 1
                                        } else {
                                            let diff = rowI[k] - rowJ[k]
                                            delta = diff * diff
                                        }
                                        dw[k] += t * delta
                                    }
                                }
                                let qii = ai * ai - inv[i * n + i]
                                dScale += qii * s
                                dNoise += qii
                            }
                        }
                    }
                }
            }
        }
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
