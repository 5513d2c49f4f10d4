import AutoMLJSON

extension Parameter {
    /// How many values the parameter can take: `high - low + 1` for an int (divided by its
    /// step), `(high - low) / step + 1` for a float with a step, the number of choices for a
    /// categorical or ordinal; nil for a float without a step (a continuum).
    public var cardinality: Int? {
        switch kind {
        case .float(let low, let high, _, let step):
            guard let step, let intervals = Self.floatIntervals(low: low, high: high, step: step) else { return nil }
            return intervals + 1
        case .int(let low, let high, _, let step):
            return Self.intIntervals(low: low, high: high, step: step) + 1
        case .categorical(let choices), .ordinal(let choices):
            return choices.count
        }
    }

    /// Every value of the parameter, in order, for grid search.
    ///
    /// A discrete parameter (see `cardinality`) lists all its values and ignores `resolution`:
    /// check `cardinality` first, an int range can be huge. A float without a step gives
    /// `resolution` evenly spaced values including both bounds (evenly spaced in log space when
    /// `log` is set); a resolution of 1 or less gives the single midpoint.
    ///
    /// ```swift
    /// // float lr in [1e-4, 1e-1], log: allValues(resolution: 4) == [1e-4, 1e-3, 1e-2, 1e-1]
    /// ```
    public func allValues(resolution: Int) -> [JSON] {
        if let count = cardinality {
            return (0..<count).map { discreteValue(at: $0) }
        }
        guard resolution > 1 else { return [value(fromUnit: 0.5)] }
        let last = Double(resolution - 1)
        return (0..<resolution).map { value(fromUnit: Double($0) / last) }
    }

    // MARK: - Discrete values by index

    /// The `index`-th value (0-based, clamped to the valid range) of a discrete parameter; the
    /// low bound for a continuous float.
    func discreteValue(at index: Int) -> JSON {
        switch kind {
        case .float(let low, let high, _, let step):
            guard let step, let n = Self.floatIntervals(low: low, high: high, step: step) else { return .double(low) }
            let k = min(max(index, 0), n)
            if k == 0 { return .double(low) }
            if k == n { return .double(high) }
            var x: Double
            if let grid = Self.decimalGrid(low: low, step: step), let numerator = grid.numerator(k) {
                // One correctly rounded division: 0.3, not 0.1 + 2 * 0.1 = 0.30000000000000004.
                x = numerator / grid.scale
            } else {
                x = (low * Double(n - k) + high * Double(k)) / Double(n)
                if !x.isFinite { x = low + Double(k) * step }
            }
            return .double(min(max(x, low), high))
        case .int(let low, let high, _, let step):
            let k = min(max(index, 0), Self.intIntervals(low: low, high: high, step: step))
            return .int(low &+ Int64(k) &* max(step ?? 1, 1))
        case .categorical(let choices), .ordinal(let choices):
            guard !choices.isEmpty else { return .null }
            return choices[min(max(index, 0), choices.count - 1)]
        }
    }

    /// The index of a canonical value of a discrete parameter.
    func discreteIndex(of canonical: JSON) -> Int? {
        switch kind {
        case .float(let low, _, _, let step):
            guard let step, let x = canonical.doubleValue else { return nil }
            return Int(exactly: ((x - low) / step).rounded())
        case .int(let low, _, _, let step):
            guard let i = canonical.intValue else { return nil }
            return Int((i &- low) / max(step ?? 1, 1))
        case .categorical(let choices), .ordinal(let choices):
            return JSONValueMatching.firstIndex(of: canonical, in: choices)
        }
    }

    /// A stepped float whose low bound and step are short decimals (`0.1`, `2.5e-3`), written
    /// as integers over a power of ten, so grid values are computed exactly and rounded once.
    struct DecimalGrid {
        /// `10^digits`.
        var scale: Double
        /// `low * scale` and `step * scale`, integers.
        var low: Double
        var step: Double

        /// `low + k * step` times `scale`, when exact (below 2^53).
        func numerator(_ k: Int) -> Double? {
            let value = low + Double(k) * step
            return abs(value) < 0x1p53 ? value : nil
        }
    }

    /// The decimal form of a grid with at most 15 decimal digits, if there is one.
    static func decimalGrid(low: Double, step: Double) -> DecimalGrid? {
        var scale = 1.0
        for _ in 0...15 {
            let scaledLow = (low * scale).rounded()
            let scaledStep = (step * scale).rounded()
            if scaledStep >= 1, abs(scaledLow) < 0x1p53, scaledStep < 0x1p53,
                abs(low * scale - scaledLow) <= 1e-12 * max(1, abs(scaledLow)),
                abs(step * scale - scaledStep) <= 1e-12 * scaledStep
            {
                return DecimalGrid(scale: scale, low: scaledLow, step: scaledStep)
            }
            scale *= 10
        }
        return nil
    }

    /// `(high - low) / step` rounded, when it is a sensible grid size (at most 2^52).
    static func floatIntervals(low: Double, high: Double, step: Double) -> Int? {
        let ratio = (high - low) / step
        guard ratio.isFinite, ratio >= 0, ratio <= maxGridIntervals else { return nil }
        return Int(ratio.rounded())
    }

    /// `(high - low) / step` for an int parameter; 0 when the bounds are inverted.
    static func intIntervals(low: Int64, high: Int64, step: Int64?) -> Int {
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span > 0 else { return 0 }
        return Int(min(span / max(step ?? 1, 1), Int64(Int.max - 1)))
    }

    /// The largest number of grid intervals a stepped float may have.
    static let maxGridIntervals = 0x1p52
}
