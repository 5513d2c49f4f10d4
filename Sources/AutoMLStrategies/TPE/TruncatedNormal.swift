#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLNumerics

/// The normal distribution truncated to an interval, the kernel of TPE's Parzen estimators.
///
/// Notation: `N(μ, σ)` restricted to `[low, high]`; `z = (x - μ) / σ`, `a = (low - μ) / σ`,
/// `b = (high - μ) / σ`; `Φ` the standard normal distribution function. The density is
/// `φ(z) / (σ (Φ(b) - Φ(a)))` on the interval and 0 outside.
///
/// ```swift
/// TruncatedNormal.logPDF(0.3, mean: 0.5, sd: 0.2, low: 0, high: 1)   // log density
/// TruncatedNormal.logMass(from: -1, to: 2)                            // log(Φ(2) - Φ(-1))
/// ```
///
/// Masses are computed in log space, with the tail where `Φ` is tiny handled by an asymptotic
/// series, so that a discrete cell far from a kernel still gets a finite log probability.
///
/// References: Abramowitz & Stegun 26.2.12 (asymptotic series of the normal tail);
/// P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution
/// function" (2003), refined by one Halley step.
enum TruncatedNormal {
    /// `log(sqrt(2 π))`.
    static let logSqrtTwoPi = 0.918_938_533_204_672_741_78
    static let sqrtTwoPi = 2.506_628_274_631_000_502_4
    static let inverseSqrtTwo = 0.707_106_781_186_547_524_40

    // MARK: - Standard normal

    /// `Φ(z)`, accurate in the lower tail down to underflow (about `z = -37.5`).
    static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z * inverseSqrtTwo)
    }

    /// `log Φ(z)`, finite for every finite `z`.
    ///
    /// Below `z = -20` it uses the asymptotic series `log Φ(z) = -z²/2 - log(-z) - log √(2π)
    /// + log(1 - 1/z² + 3/z⁴ - 15/z⁶ + ...)`, summed until a term no longer changes the sum.
    static func logCDF(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        if z > 6 { return log1p(-cdf(-z)) }
        if z > -20 { return log(cdf(z)) }
        if z == -.infinity { return -.infinity }
        let inverseSquare = 1 / (z * z)
        var sum = 1.0
        var term = 1.0
        var k = 1.0
        while k < 60 {
            term *= -(2 * k - 1) * inverseSquare
            let next = sum + term
            if next == sum { break }
            sum = next
            k += 1
        }
        return -0.5 * z * z - log(-z) - logSqrtTwoPi + log(sum)
    }

    /// `log(Φ(b) - Φ(a))` for `a <= b`: the log probability that a standard normal falls in
    /// `[a, b]`. `-inf` when `a >= b`.
    ///
    /// Each case avoids cancellation: an interval in the lower tail subtracts in log space, one
    /// in the upper tail is mirrored into the lower one, one around 0 subtracts both tails from
    /// 1, and a very narrow one (`b - a < 1e-5`) uses the midpoint rule with its second-order
    /// correction, exact to about `1e-12` relative.
    static func logMass(from a: Double, to b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        guard a < b else { return -.infinity }
        let width = b - a
        if width < 1e-5 && a.isFinite && b.isFinite {
            let mid = 0.5 * (a + b)
            let correction = width * width * (mid * mid - 1) / 24
            return log(width) - 0.5 * mid * mid - logSqrtTwoPi + log1p(correction)
        }
        if b <= 0 { return logDifference(logCDF(b), logCDF(a)) }
        if a > 0 { return logDifference(logCDF(-a), logCDF(-b)) }
        return log1p(-cdf(a) - cdf(-b))
    }

    /// `log(exp(p) - exp(q))` for `p >= q`.
    @inline(__always)
    static func logDifference(_ p: Double, _ q: Double) -> Double {
        if q == -.infinity { return p }
        return p + log1p(-exp(q - p))
    }

    /// `Φ⁻¹(p)` for `p` in `[0, 1]`: Acklam's rational approximation (relative error 1.2e-9)
    /// refined by one Halley step on `Φ`, which brings it to about machine precision.
    /// Values above 0.5 are computed as `-Φ⁻¹(1 - p)`; callers that know the upper tail
    /// probability precisely should call this with it and negate.
    static func quantile(_ p: Double) -> Double {
        if p.isNaN { return .nan }
        if p <= 0 { return -.infinity }
        if p >= 1 { return .infinity }
        if p > 0.5 { return -quantile(1 - p) }
        var x: Double
        if p < 0.02425 {
            let q = (-2 * log(p)).squareRoot()
            x = (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                    + 3.754408661907416e+00) * q + 1)
        } else {
            let q = p - 0.5
            let r = q * q
            x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                    + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1)
        }
        // One Halley step: u = (Φ(x) - p) / φ(x).
        let density = exp(-0.5 * x * x) / sqrtTwoPi
        if density > 0 {
            let u = (cdf(x) - p) / density
            x -= u / (1 + 0.5 * x * u)
        }
        return x
    }

    // MARK: - Truncated

    /// `log` of the truncated density at `x`; `-inf` outside `[low, high]`.
    static func logPDF(_ x: Double, mean: Double, sd: Double, low: Double, high: Double) -> Double {
        guard x >= low && x <= high else { return -.infinity }
        let z = (x - mean) / sd
        return -0.5 * z * z - logSqrtTwoPi - log(sd) - logMass(from: (low - mean) / sd, to: (high - mean) / sd)
    }

    /// The truncated distribution function at `x`: 0 below `low`, 1 above `high`.
    static func cdf(_ x: Double, mean: Double, sd: Double, low: Double, high: Double) -> Double {
        if x <= low { return 0 }
        if x >= high { return 1 }
        let a = (low - mean) / sd
        return exp(logMass(from: a, to: (x - mean) / sd) - logMass(from: a, to: (high - mean) / sd))
    }

    /// The standardized point `z` in `[a, b]` with truncated distribution function `q`: the
    /// inverse CDF of the standard normal truncated to `[a, b]`.
    ///
    /// Works on whichever side keeps the probabilities small (and therefore precise): the lower
    /// tail `Φ(a) + q·m` when that is at most 1/2, else the upper tail `Φ(-b) + (1-q)·m`, with the
    /// interval's mass `m` computed without cancellation. When the mass underflows (an interval
    /// more than ~37 standard deviations out) the nearer bound is returned.
    static func standardQuantile(_ q: Double, a: Double, b: Double) -> Double {
        guard a < b else { return a }
        let lowerA = cdf(a), upperB = cdf(-b)
        let mass: Double
        if b <= 0 {
            mass = cdf(b) - lowerA
        } else if a >= 0 {
            mass = cdf(-a) - upperB
        } else {
            mass = 1 - lowerA - upperB
        }
        guard mass > 0 else { return abs(a) < abs(b) ? a : b }
        let lower = lowerA + q * mass
        let z = lower <= 0.5 ? quantile(lower) : -quantile(upperB + (1 - q) * mass)
        return min(max(z, a), b)
    }

    /// A draw from `N(mean, sd)` truncated to `[low, high]` by inversion: exactly one uniform
    /// from `rng`, so the number of draws never depends on the values.
    static func sample(mean: Double, sd: Double, low: Double, high: Double, using rng: inout SeededGenerator) -> Double {
        let z = standardQuantile(rng.nextUnit(), a: (low - mean) / sd, b: (high - mean) / sd)
        return min(max(mean + sd * z, low), high)
    }
}
