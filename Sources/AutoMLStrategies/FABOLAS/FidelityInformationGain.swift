#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLNumerics

/// How much an observation at a small subset tells about the best loss on the full data set:
/// FABOLAS's acquisition, approximated by multi-fidelity max-value entropy search.
///
/// FABOLAS (Klein et al. 2017) measures the information an evaluation at `(x, s)` brings about the
/// location of the minimum at `s = 1` (entropy search, Hennig & Schuler 2012, with expectation
/// propagation over representer points). This is the documented approximation: the information
/// about the minimum *value* `f*` of `f(·, 1)` (max-value entropy search, Wang & Jegelka 2017),
/// extended to observations at another fidelity as in MF-MES (Takeno et al. 2020): the
/// observation `y = f(x, t) + ε` informs `f*` through `f(x, 1)`, with which it is jointly Gaussian
/// with correlation `ρ`.
///
/// Derivation (minimization). Standardize `y` to `u ~ N(0, 1)`; with `γ = (μ_1 - f*)/σ_1`, the
/// event `f(x, 1) ≥ f*` has probability `Φ(γ)`, and given `u` probability `Φ(η(u))`,
/// `η(u) = (γ + ρ u)/√(1 - ρ²)`. Conditioning on it turns the density of `u` into
/// `q(u) = φ(u) Φ(η(u)) / Φ(γ)` (a skew normal with `E u² = 1 - ρ² γ λ`, `λ = φ(γ)/Φ(γ)`), and the
/// entropy drop `H[u] - H[u | f(x, 1) ≥ f*]` is
///
///     I = ½ ρ² γ λ - log Φ(γ) + E_q[log Φ(η(u))],
///
/// averaged over samples of `f*`. At `ρ = ±1` (a noise-free observation at `t = 1`) it is
/// max-value entropy search, `γλ/2 - log Φ(γ)`; at `ρ = 0` it is 0. The expectation is a 1-D
/// integral, computed by Simpson's rule on the part of the line where `q` has mass and
/// `log Φ(η)` is not negligible (so it stays accurate however steep `η` is).
enum FidelityInformationGain {
    /// Simpson intervals of the expectation.
    static let intervals = 32

    /// The information about `f*` from observing `y` at one point, averaged over `minimumSamples`.
    ///
    /// - Parameters:
    ///   - targetMean: `μ_1`, the posterior mean of `f(x, 1)`.
    ///   - targetVariance: `σ_1²`.
    ///   - observationVariance: the variance of `y` (the latent variance at `t` plus noise).
    ///   - covariance: `Cov(y, f(x, 1))`.
    static func gain(targetMean: Double, targetVariance: Double, observationVariance: Double, covariance: Double, minimumSamples: [Double]) -> Double {
        guard !minimumSamples.isEmpty else { return 0 }
        let sigma = (targetVariance + AcquisitionFunction.stabilizingVariance).squareRoot()
        let scale = sigma * (observationVariance + AcquisitionFunction.stabilizingVariance).squareRoot()
        let rho = min(abs(covariance) / scale, 1)
        var total = 0.0
        for m in minimumSamples {
            total += gain(gamma: (targetMean - m) / sigma, rho: rho)
        }
        return total / Double(minimumSamples.count)
    }

    /// `I(γ, ρ)` for one sample (only `|ρ|` matters).
    static func gain(gamma: Double, rho: Double) -> Double {
        let r = min(abs(rho), 1)
        guard r > 1e-8, gamma.isFinite else { return 0 }
        let lambda = NormalDistribution.hazardOfLowerTail(gamma)
        let logTail = NormalDistribution.logCDF(gamma)
        let shared = 0.5 * r * r * gamma * lambda - logTail
        let complement = 1 - r * r
        if complement < 1e-12 { return max(shared, 0) }
        return max(shared + expectedLogTail(gamma: gamma, rho: r, lambda: lambda, logTail: logTail), 0)
    }

    /// `E_q[log Φ(η(u))]` for `0 < ρ < 1`.
    static func expectedLogTail(gamma: Double, rho: Double, lambda: Double, logTail: Double) -> Double {
        let s = (1 - rho * rho).squareRoot()
        let slope = rho / s
        let eta = { (u: Double) in (gamma + rho * u) / s }
        let uAt = { (level: Double) in (level * s - gamma) / rho }
        // Moments of q, then the window: its bulk, where η ≤ 8 (above, log Φ(η) is below 1e-15)
        // and η ≥ min(-12, η(mean) - 12) (below, q is smaller than e^-70 of its bulk).
        let mean = rho * lambda
        let spread = max(1 - rho * rho * lambda * (lambda + gamma), 1e-12).squareRoot()
        let low = max(mean - 8 * spread, uAt(min(-12, eta(mean) - 12)))
        let high = min(mean + 8 * spread, uAt(8))
        guard high > low, slope.isFinite else { return 0 }
        let n = intervals
        let h = (high - low) / Double(n)
        var sum = 0.0
        for k in 0...n {
            let u = low + Double(k) * h
            let logPhi = NormalDistribution.logCDF(eta(u))
            let density = exp(NormalDistribution.logPDF(u) + logPhi - logTail)
            let weight: Double = (k == 0 || k == n) ? 1 : (k % 2 == 1 ? 4 : 2)
            sum += weight * density * logPhi
        }
        return sum * h / 3
    }
}
