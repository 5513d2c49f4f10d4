#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Expected improvement below an incumbent under a Gaussian prediction, and its logarithm,
/// which stays finite and accurate where the improvement itself underflows.
///
/// For a prediction `f ~ N(μ, σ²)` and the best loss so far `f*` (minimization),
/// `EI = E[max(0, f* - f)] = σ h(z)` with `z = (f* - μ) / σ` and
/// `h(z) = φ(z) + z Φ(z)`. Far in the lower tail `φ(z)` and `z Φ(z)` cancel and both underflow
/// (`h(-40)` is below the smallest double), which leaves acquisition optimizers with flat zero
/// regions. `logH` follows Ament et al.: for `z > -4` it takes the log of the direct formula;
/// below, it writes `h(z) = φ(t) (1 - t R(t))` with `t = -z` and the Mills ratio `R`, and takes
/// `1 - t R(t) = K / (t + K)` from the continued fraction `R = 1 / (t + K)` (see
/// `NormalDistribution`), so no cancellation remains at any `z`.
///
/// ```swift
/// ExpectedImprovement.logH(-50)    // -1257.7..., where h(-50) underflows to 0
/// ```
///
/// Reference: S. Ament, S. Daulton, D. Eriksson, M. Balandat, E. Bakshy, "Unexpected
/// Improvements to Expected Improvement for Bayesian Optimization", NeurIPS 2023 (log_h, eq. 9).
public enum ExpectedImprovement {
    /// `h(z) = φ(z) + z Φ(z) = E[max(0, z + ε)]` for `ε ~ N(0, 1)`; positive, increasing.
    public static func h(_ z: Double) -> Double {
        if z > -NormalDistribution.tailThreshold {
            return NormalDistribution.pdf(z) + z * NormalDistribution.cdf(z)
        }
        return exp(logH(z))
    }

    /// `log h(z)`, finite for `|z|` below about `1e154` and accurate to a few ulps.
    public static func logH(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        if z > -NormalDistribution.tailThreshold {
            return log(NormalDistribution.pdf(z) + z * NormalDistribution.cdf(z))
        }
        let t = -z
        let k = NormalDistribution.millsTail(t)
        return NormalDistribution.logPDF(t) + log(k) - log(t + k)
    }

    /// `d log h / dz = Φ(z) / h(z)`, positive; it grows like `|z|` in the lower tail and tends
    /// to `1/z` for large `z`.
    public static func logHDerivative(_ z: Double) -> Double {
        if z > -NormalDistribution.tailThreshold {
            return NormalDistribution.cdf(z) / (NormalDistribution.pdf(z) + z * NormalDistribution.cdf(z))
        }
        // Φ(z) = φ(t) / (t + K) and h(z) = φ(t) K / (t + K).
        return 1 / NormalDistribution.millsTail(-z)
    }

    /// `E[max(0, best - f)]` for `f ~ N(mean, variance)`; `variance` must be positive.
    public static func value(mean: Double, variance: Double, best: Double) -> Double {
        let sigma = variance.squareRoot()
        return sigma * h((best - mean) / sigma)
    }

    /// `log E[max(0, best - f)]` for `f ~ N(mean, variance)`; `variance` must be positive.
    public static func logValue(mean: Double, variance: Double, best: Double) -> Double {
        let sigma = variance.squareRoot()
        return log(sigma) + logH((best - mean) / sigma)
    }
}
