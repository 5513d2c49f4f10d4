import AutoMLJSON

/// Why a value is not one a parameter can take; the reason reads well after `path: `.
struct ValueRejection: Error, Sendable, Hashable {
    var reason: String
}

extension Parameter {
    /// The canonical form of `value` when this parameter can take it, else nil.
    ///
    /// Canonical means: a float as `.double` (snapped to its grid when it has a step), an int as
    /// `.int` (`3.0` becomes `3`), a categorical or ordinal value as the choice's own JSON
    /// (`2.0` matching the choice `2` returns `2`).
    public func canonicalValue(of value: JSON) -> JSON? {
        do throws(ValueRejection) { return try canonicalize(value) } catch { return nil }
    }

    /// The canonical form of `value`, or why this parameter cannot take it.
    func canonicalize(_ value: JSON) throws(ValueRejection) -> JSON {
        switch kind {
        case .float(let low, let high, _, let step):
            guard let x = value.doubleValue else {
                throw ValueRejection(reason: "expected a number, got \(value.typeDescription)")
            }
            let bounds = "[\(JSONValueMatching.describe(low)), \(JSONValueMatching.describe(high))]"
            guard let step else {
                guard x >= low && x <= high else {
                    throw ValueRejection(reason: "\(JSONValueMatching.describe(x)) is out of bounds \(bounds)")
                }
                return .double(x)
            }
            let position = (x - low) / step
            let k = position.rounded()
            let tolerance = Self.gridTolerance * max(1, abs(k))
            guard x >= low - tolerance * step && x <= high + tolerance * step else {
                throw ValueRejection(reason: "\(JSONValueMatching.describe(x)) is out of bounds \(bounds)")
            }
            guard abs(position - k) <= tolerance, let index = Int(exactly: k) else {
                throw ValueRejection(
                    reason: "\(JSONValueMatching.describe(x)) is not on the grid low + k * step "
                        + "(low \(JSONValueMatching.describe(low)), step \(JSONValueMatching.describe(step)))")
            }
            return discreteValue(at: index)
        case .int(let low, let high, _, let step):
            guard let i = value.intValue else {
                if let x = value.doubleValue {
                    throw ValueRejection(reason: "expected an integer, got \(JSONValueMatching.describe(x))")
                }
                throw ValueRejection(reason: "expected an integer, got \(value.typeDescription)")
            }
            guard i >= low && i <= high else {
                throw ValueRejection(reason: "\(i) is out of bounds [\(low), \(high)]")
            }
            if let step, step > 1, (i &- low) % step != 0 {
                throw ValueRejection(reason: "\(i) is not on the grid low + k * step (low \(low), step \(step))")
            }
            return .int(i)
        case .categorical(let choices), .ordinal(let choices):
            guard let index = JSONValueMatching.firstIndex(of: value, in: choices) else {
                throw ValueRejection(
                    reason: "\(JSONValueMatching.describe(value)) is not one of the choices \(JSONValueMatching.describe(choices))")
            }
            return choices[index]
        }
    }

    /// Relative tolerance for "on the grid" and "the step divides the range".
    static let gridTolerance = 1e-9
}
