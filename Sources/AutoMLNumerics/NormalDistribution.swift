#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution: density, distribution function and their logarithms,
/// accurate far into the tails where the plain formulas underflow.
///
/// ```swift
/// NormalDistribution.cdf(1.96)        // 0.9750021...
/// NormalDistribution.logCDF(-40)      // -804.608..., where cdf(-40) underflows to 0
/// ```
///
/// The lower tail uses the Mills ratio `R(t) = Q(t) / φ(t)` (`Q` the upper tail probability),
/// computed from Laplace's continued fraction `R(t) = 1/(t + 1/(t + 2/(t + 3/(t + ...))))`,
/// which converges to full double precision within 40 terms for `t >= 4`.
///
/// References: P.-S. Laplace (1805) for the continued fraction; W. J. Cody, "Rational Chebyshev
/// approximations for the error function", Math. Comp. 23 (1969), behind libm's `erfc`.
public enum NormalDistribution {
    /// `log(sqrt(2 pi))`.
    public static let logSqrtTwoPi = 0.918_938_533_204_672_741_78
    /// `1 / sqrt(2 pi)`.
    public static let inverseSqrtTwoPi = 0.398_942_280_401_432_677_94
    /// Where the tails switch from `erfc` to the continued fraction.
    static let tailThreshold = 4.0
    /// Continued-fraction terms used for `t >= tailThreshold` (full precision, see the tests).
    static let continuedFractionTerms = 40

    /// The density `φ(z) = exp(-z²/2) / sqrt(2 pi)`.
    @inlinable public static func pdf(_ z: Double) -> Double {
        exp(-0.5 * z * z) * inverseSqrtTwoPi
    }

    /// `log φ(z)`, finite for every finite `z`.
    @inlinable public static func logPDF(_ z: Double) -> Double {
        -0.5 * z * z - logSqrtTwoPi
    }

    /// The distribution function `Φ(z)`.
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z * 0.5.squareRoot())
    }

    /// `log Φ(z)`: finite down to `z ≈ -1e154` (where `z²` overflows) and accurate to a few
    /// ulps; for large positive `z` it is `log1p(-Q(z))`, a tiny negative number, not 0.
    public static func logCDF(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        if z > 0 { return log1p(-0.5 * erfc(z * 0.5.squareRoot())) }
        if z > -tailThreshold { return log(cdf(z)) }
        if z == -.infinity { return -.infinity }
        let t = -z
        // Φ(z) = φ(t) R(t) with R(t) = 1 / (t + K(t)).
        return logPDF(t) - log(t + millsTail(t))
    }

    /// The Mills ratio `R(t) = Q(t) / φ(t) = (1 - Φ(t)) / φ(t)` for `t >= 0`.
    ///
    /// `R(t)` falls from `sqrt(pi/2)` at 0 like `1/t`; it never underflows for finite `t`.
    public static func millsRatio(_ t: Double) -> Double {
        if t < tailThreshold {
            return 0.5 * erfc(t * 0.5.squareRoot()) / pdf(t)
        }
        return 1 / (t + millsTail(t))
    }

    /// `φ(z) / Φ(z)`, the inverse Mills ratio of the lower tail, stable for very negative `z`
    /// (where it approaches `-z`).
    public static func hazardOfLowerTail(_ z: Double) -> Double {
        if z > -tailThreshold { return pdf(z) / cdf(z) }
        let t = -z
        return t + millsTail(t)
    }

    /// The quantile function `Φ⁻¹(p)` for `p` in `(0, 1)` (±infinity at 0 and 1, NaN outside).
    ///
    /// Acklam's rational approximation (relative error below 1.2e-9), then one Halley step on
    /// `Φ(x) - p`, which brings it to about full double precision.
    public static func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5
            let r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log1p(-p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        // Halley refinement; the error is written through the upper tail for p > 1/2 so that it
        // keeps its relative precision there.
        let e = x < 0 ? cdf(x) - p : (1 - p) - 0.5 * erfc(x * 0.5.squareRoot())
        let u = e * (2 * Double.pi).squareRoot() * exp(0.5 * x * x)
        x -= u / (1 + 0.5 * x * u)
        return x
    }

    /// `K(t) = 1/(t + 2/(t + 3/(t + ...)))`, so that `R(t) = 1/(t + K(t))`, for `t >= 4`.
    ///
    /// Evaluated from the bottom (backward recurrence), which is stable for positive terms.
    static func millsTail(_ t: Double) -> Double {
        var tail = 0.0
        var k = continuedFractionTerms
        while k >= 1 {
            tail = Double(k) / (t + tail)
            k -= 1
        }
        return tail
    }
}
