#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The hyper-parameters of a FABOLAS model (`FidelityKernel` plus noise) and their prior.
///
/// The raw vector `θ` (`d + 3` entries) is what the optimizer moves: `θ_k = log w_k` for the
/// inverse squared length scales of the configuration kernel, `θ_d = log a`, `θ_{d+1} = log b`
/// (the weight variances of the subset-size kernel), `θ_{d+2} = log(σ² - σ²_min)` for the noise.
///
/// Prior (natural parameters, up to constants): the length scales and the noise take the `gp`
/// strategy's prior (`GPHyperparameters`: `-(0.1/w + 0.1 w)` per coordinate, `σ² ~ Gamma(1.1,
/// 30)`); `a` and `b` each take the prior of the `gp` kernel scale, `Gamma(2, 1)`, on
/// standardized losses. (FABOLAS samples its hyper-parameters by MCMC under a similar weak
/// prior; a maximum a posteriori fit keeps each suggestion cheap.)
struct FidelityHyperparameters: Sendable, Hashable {
    var inverseSquaredLengthscales: [Double]
    /// `a`.
    var offset: Double
    /// `b`.
    var slope: Double
    var noise: Double

    static let minimumNoise = GPHyperparameters.minimumNoise

    var dimension: Int { inverseSquaredLengthscales.count }

    init(inverseSquaredLengthscales: [Double], offset: Double, slope: Double, noise: Double) {
        self.inverseSquaredLengthscales = inverseSquaredLengthscales
        self.offset = offset
        self.slope = slope
        self.noise = noise
    }

    /// From a raw vector `θ`.
    init(raw: [Double]) {
        let d = raw.count - 3
        inverseSquaredLengthscales = raw[0..<d].map { exp($0) }
        offset = exp(raw[d])
        slope = exp(raw[d + 1])
        noise = Self.minimumNoise + exp(raw[d + 2])
    }

    /// Unit length scales, `a = b = 0.5` (prior variance 1 at the smallest subset), noise 0.1.
    static func initial(dimension: Int) -> FidelityHyperparameters {
        FidelityHyperparameters(inverseSquaredLengthscales: Array(repeating: 1, count: dimension), offset: 0.5, slope: 0.5, noise: 0.1)
    }

    var raw: [Double] {
        inverseSquaredLengthscales.map { log($0) } + [log(offset), log(slope), log(max(noise - Self.minimumNoise, 1e-3 * Self.minimumNoise))]
    }

    /// The raw box: length scales from about 0.003 to 300, `a` from 1e-4 to 100, `b` from 1e-6
    /// to 100 (the loss may not depend on the subset size at all), noise excess from 1e-9 to 10.
    static func bounds(dimension d: Int) -> (lower: [Double], upper: [Double]) {
        let lower = Array(repeating: log(1e-5), count: d) + [log(1e-4), log(1e-6), log(1e-9)]
        let upper = Array(repeating: log(1e5), count: d) + [log(1e2), log(1e2), log(10)]
        return (lower, upper)
    }

    /// `-log p(θ)` up to a constant; its gradient with respect to `θ` is added into `gradient`.
    static func negativeLogPrior(raw: [Double], gradient: inout [Double]) -> Double {
        let d = raw.count - 3
        var logPrior = 0.0
        for k in 0..<d {
            let w = exp(raw[k])
            logPrior += -(0.1 / w + 0.1 * w)
            gradient[k] -= 0.1 / w - 0.1 * w
        }
        for k in [d, d + 1] {
            let v = exp(raw[k])
            logPrior += log(v) - v
            gradient[k] -= 1 - v
        }
        let excess = exp(raw[d + 2])
        let noise = minimumNoise + excess
        logPrior += 0.1 * log(noise) - 30 * noise
        gradient[d + 2] -= (0.1 / noise - 30) * excess
        return -logPrior
    }
}
