#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution's tails, as CMA-ES with margin needs them.
///
/// Both work on the upper tail `Q(x) = P(Z > x) = erfc(x / √2) / 2`, which keeps full relative
/// precision for the small probabilities a margin is made of (`1 - Φ(x)` would cancel).
enum NormalTail {
    /// `P(Z <= x)`.
    static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// `P(Z > x)`.
    static func upper(_ x: Double) -> Double {
        0.5 * erfc(x / 2.0.squareRoot())
    }

    /// The `x` with `P(Z > x) = q`, that is `Φ⁻¹(1 - q)`, for `q` in `(0, 1)`.
    ///
    /// Bisection on `[-40, 40]` (where the tail spans every positive double): `Q` is
    /// monotone, so 128 halvings pin `x` to the last bit whatever `q`. Slow by the standards of
    /// a rational approximation, but called a few times per CMA-ES generation only.
    /// `q <= 0` gives 40 and `q >= 1` gives -40.
    static func upperQuantile(_ q: Double) -> Double {
        var low = -40.0, high = 40.0
        guard q > 0 else { return high }
        guard q < 1 else { return low }
        for _ in 0..<128 {
            let middle = 0.5 * (low + high)
            if middle <= low || middle >= high { break }
            if upper(middle) > q { low = middle } else { high = middle }
        }
        return 0.5 * (low + high)
    }
}
