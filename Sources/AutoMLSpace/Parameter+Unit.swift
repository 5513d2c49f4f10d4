import AutoMLJSON

/// The unit-interval coordinate of a parameter, the space model-based strategies work in.
///
/// - A float without a step maps `[low, high]` linearly onto `[0, 1]`, or its logarithm when
///   `log` is set: `u = 0` is `low`, `u = 1` is `high`.
/// - A discrete parameter with `n` values (an int, a float with a step, a categorical or an
///   ordinal) gives its `k`-th value the centre of the `k`-th of `n` equal cells,
///   `u = (k + 0.5) / n`, and decodes `u` to cell `min(floor(u * n), n - 1)`. For numbers
///   this is rounding to the nearest feasible value on `[low - step/2, high + step/2]`, so
///   every value gets an equal share of the interval and `u = 1` decodes to `high`.
/// - A log int maps its logarithm on `[low - 0.5, high + 0.5]` onto `[0, 1]` and decodes by
///   rounding in value space: each integer gets the share log-uniform sampling gives it.
extension Parameter {
    /// The coordinate in `[0, 1]` of `value`, or nil when the parameter cannot take it.
    ///
    /// For every `u` that `value(fromUnit:)` turns into a value `v`,
    /// `value(fromUnit: unitValue(of: v)!) == v` holds exactly; a float that no coordinate
    /// decodes to exactly (most reals do, not all) maps to the coordinate of the nearest one.
    public func unitValue(of value: JSON) -> Double? {
        guard let canonical = canonicalValue(of: value) else { return nil }
        if case .int(let low, let high, true, _) = kind, let i = canonical.intValue {
            let (a, b) = Self.logIntRange(low: low, high: high)
            return clampUnit((SpaceMath.ln(Double(i)) - a) / (b - a))
        }
        if let count = cardinality {
            guard let k = discreteIndex(of: canonical) else { return nil }
            return (Double(k) + 0.5) / Double(count)
        }
        guard let x = canonical.doubleValue else { return nil }
        return inverseContinuous(x)
    }

    /// The value at coordinate `u`, clamped to `[0, 1]` first (NaN reads as 0.5).
    public func value(fromUnit u: Double) -> JSON {
        let u = clampUnit(u)
        if case .int(let low, let high, true, _) = kind {
            let (a, b) = Self.logIntRange(low: low, high: high)
            let x = SpaceMath.exponential(a + u * (b - a)).rounded()
            guard x.isFinite else { return .int(u < 0.5 ? low : high) }
            return .int(Int64(min(max(x, Double(low)), Double(high))))
        }
        if let count = cardinality {
            return discreteValue(at: min(Int(u * Double(count)), count - 1))
        }
        return .double(continuousValue(fromUnit: u))
    }

    // MARK: - Continuous floats

    /// The float at `u` for a float without a step: exact bounds at 0 and 1.
    func continuousValue(fromUnit u: Double) -> Double {
        guard case .float(let low, let high, let log, _) = kind else { return 0 }
        if u <= 0 { return low }
        if u >= 1 { return high }
        let x: Double
        if log {
            let a = SpaceMath.ln(low)
            x = SpaceMath.exponential(a + u * (SpaceMath.ln(high) - a))
        } else {
            x = low + u * (high - low)
        }
        return x.isFinite ? min(max(x, low), high) : low
    }

    /// The coordinate whose decoded value is `x`, or the nearest such value's coordinate.
    ///
    /// The closed-form inverse can be a few ulps off after rounding, so walk from it one ulp
    /// at a time towards `x` (decoding is monotone) and keep the best coordinate seen.
    private func inverseContinuous(_ x: Double) -> Double {
        guard case .float(let low, let high, let log, _) = kind else { return 0.5 }
        if x <= low { return 0 }
        if x >= high { return 1 }
        var u: Double
        if log {
            let a = SpaceMath.ln(low)
            u = (SpaceMath.ln(x) - a) / (SpaceMath.ln(high) - a)
        } else {
            u = (x - low) / (high - low)
        }
        u = clampUnit(u)
        var decoded = continuousValue(fromUnit: u)
        if decoded == x { return u }
        let upward = decoded < x
        var best = u
        var bestError = abs(decoded - x)
        for _ in 0..<64 {
            let next = upward ? u.nextUp : u.nextDown
            guard next >= 0 && next <= 1 else { break }
            u = next
            decoded = continuousValue(fromUnit: u)
            let error = abs(decoded - x)
            if error < bestError {
                best = u
                bestError = error
            }
            if decoded == x || (upward ? decoded > x : decoded < x) { break }
        }
        return best
    }

    // MARK: - Helpers

    /// `[ln(low - 0.5), ln(high + 0.5)]`, the log-space range of a log int.
    static func logIntRange(low: Int64, high: Int64) -> (Double, Double) {
        (SpaceMath.ln(Double(low) - 0.5), SpaceMath.ln(Double(high) + 0.5))
    }
}

/// `u` clamped to `[0, 1]`; NaN becomes 0.5, the centre.
func clampUnit(_ u: Double) -> Double {
    guard !u.isNaN else { return 0.5 }
    return min(max(u, 0), 1)
}
