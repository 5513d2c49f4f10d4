#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Coordinate-wise slice sampling from an unnormalized log density on a box.
///
/// Each sweep updates the coordinates in order. For coordinate `i` it draws a level
/// `y = log p(x) - Exp(1)`, places an interval of width `widths[i]` at random around `x[i]`,
/// steps it out (at most `maxStepsOut` widths in all, never past the box) while its ends lie above
/// the level, then draws uniformly from the interval and shrinks it towards `x[i]` after each
/// rejection. The chain leaves the target distribution invariant; every draw comes from the
/// generator passed in, so a run is a deterministic function of its seed.
///
/// ```swift
/// var rng = SeededGenerator(seed: 1)
/// let sampler = SliceSampler(widths: [1])
/// let draws = sampler.sample(from: [0], count: 100, burnIn: 10, lower: [-10], upper: [10], generator: &rng) { x in
///     -0.5 * x[0] * x[0]
/// }
/// ```
///
/// Reference: R. M. Neal, "Slice sampling", Annals of Statistics 31 (2003), figures 3 and 5.
public struct SliceSampler: Sendable {
    /// The initial interval width of each coordinate.
    public var widths: [Double]
    /// The most widths an interval may grow by when stepping out.
    public var maxStepsOut: Int
    /// The most shrinkage draws per coordinate update before the coordinate is left as it was.
    public var maxShrinks: Int

    public init(widths: [Double], maxStepsOut: Int = 8, maxShrinks: Int = 50) {
        self.widths = widths
        self.maxStepsOut = maxStepsOut
        self.maxShrinks = maxShrinks
    }

    /// `count` states of the chain started at `start`, after `burnIn` discarded sweeps; one sweep
    /// between kept states.
    ///
    /// - Parameter logDensity: `log p(x)` up to a constant; `-infinity` (or NaN) where `p` is 0.
    ///   The start must have a finite log density, or the chain stays there.
    public func sample(
        from start: [Double], count: Int, burnIn: Int, lower: [Double], upper: [Double],
        generator: inout SeededGenerator, logDensity: ([Double]) -> Double
    ) -> [[Double]] {
        var x = start
        var level = logDensity(x)
        var draws: [[Double]] = []
        draws.reserveCapacity(count)
        for sweepIndex in 0..<(burnIn + count) {
            (x, level) = sweep(from: x, logDensity: level, lower: lower, upper: upper, generator: &generator, density: logDensity)
            if sweepIndex >= burnIn { draws.append(x) }
        }
        return draws
    }

    /// One update of every coordinate of `x`, whose log density is `current`.
    public func sweep(
        from x: [Double], logDensity current: Double, lower: [Double], upper: [Double],
        generator: inout SeededGenerator, density: ([Double]) -> Double
    ) -> (x: [Double], logDensity: Double) {
        var x = x
        var current = current
        guard current.isFinite else { return (x, current) }
        for i in x.indices {
            let width = i < widths.count ? widths[i] : 1
            var unit = generator.nextUnit()
            while unit <= 0 { unit = generator.nextUnit() }
            let level = current + log(unit)
            let origin = x[i]
            var left = origin - width * generator.nextUnit()
            var right = left + width
            var stepsLeft = generator.nextInt(below: max(maxStepsOut, 1))
            var stepsRight = max(maxStepsOut, 1) - 1 - stepsLeft
            func densityAt(_ value: Double) -> Double {
                var probe = x
                probe[i] = value
                let d = density(probe)
                return d.isNaN ? -.infinity : d
            }
            left = max(left, lower[i])
            right = min(right, upper[i])
            while stepsLeft > 0, left > lower[i], densityAt(left) > level {
                left = max(left - width, lower[i])
                stepsLeft -= 1
            }
            while stepsRight > 0, right < upper[i], densityAt(right) > level {
                right = min(right + width, upper[i])
                stepsRight -= 1
            }
            for _ in 0..<maxShrinks {
                let candidate = left + (right - left) * generator.nextUnit()
                let value = densityAt(candidate)
                if value > level {
                    x[i] = candidate
                    current = value
                    break
                }
                if candidate < origin { left = candidate } else { right = candidate }
            }
        }
        return (x, current)
    }
}
