import AutoMLJSON
import AutoMLSpace

/// How the Gaussian process sees a search space: one coordinate per parameter, as in
/// `SearchSpace.encode`, with three refinements.
///
/// - **Floats** (no step) keep their unit-cube coordinate (log floats are already in log space).
/// - **Ints, stepped floats and ordinals** are *relaxed*: each value owns an equal cell of
///   `[0, 1]` and sits at its centre, and every point the acquisition optimizer scores is
///   *snapped* by decoding (`encode(decode(u))`; log ints through their own log-space cells).
///   With more than `exhaustiveLimit` values the optimizer moves them by gradient in the
///   continuous relaxation, then snaps; with fewer it tries each value in turn instead.
/// - **Categoricals** are not ordered: the GP coordinate is the choice's index, the kernel
///   compares indices by equality (a Hamming distance, as Optuna's GP does), and the optimizer
///   tries every choice instead of following a gradient.
///
/// **Conditional parameters.** An inactive numeric coordinate takes the filler
/// `SearchSpace.inactiveFiller` (0.5), so configs that both lack a parameter agree on it and
/// one that has it is as far from them as its value is from the centre. An inactive categorical
/// takes index -1: "absent" is a level of its own. Points are canonicalized through
/// `decode`/`encode`, so activity always follows the decoded config.
struct GPSpaceEncoding: Sendable {
    enum Kind: Sendable, Hashable {
        case continuous
        /// `count` equal cells of `[0, 1]`, values at the centres `(k + 0.5) / count`.
        case cells(count: Int)
        /// A log int: snapped through the parameter's own decode/encode.
        case logInteger
        case categorical(count: Int)
    }

    /// Parameters with at most this many values are also searched value by value.
    static let exhaustiveLimit = 16

    let space: SearchSpace
    let kinds: [Kind]
    /// Per coordinate, the GP values to try one by one (nil: follow the gradient only).
    let choices: [[Double]?]
    let isCategorical: [Bool]
    /// Coordinates the acquisition optimizer moves by gradient: floats and ordered parameters
    /// with more than `exhaustiveLimit` values (the others are searched value by value).
    let relaxed: [Int]

    var dimension: Int { kinds.count }

    init(space: SearchSpace) {
        self.space = space
        var kinds: [Kind] = []
        var choices: [[Double]?] = []
        for parameter in space.parameters {
            let count = parameter.cardinality
            switch parameter.kind {
            case .categorical(let values):
                kinds.append(.categorical(count: values.count))
                choices.append((0..<values.count).map(Double.init))
            case .int(_, _, true, _):
                kinds.append(.logInteger)
                if let count, count <= Self.exhaustiveLimit {
                    choices.append(parameter.allValues(resolution: 1).compactMap { parameter.unitValue(of: $0) })
                } else {
                    choices.append(nil)
                }
            default:
                if let count {
                    kinds.append(.cells(count: count))
                    choices.append(count <= Self.exhaustiveLimit ? (0..<count).map { (Double($0) + 0.5) / Double(count) } : nil)
                } else {
                    kinds.append(.continuous)
                    choices.append(nil)
                }
            }
        }
        self.kinds = kinds
        self.choices = choices
        self.isCategorical = kinds.map { if case .categorical = $0 { return true } else { return false } }
        self.relaxed = kinds.indices.filter { !Self.isCategoricalKind(kinds[$0]) && choices[$0] == nil }
    }

    private static func isCategoricalKind(_ kind: Kind) -> Bool {
        if case .categorical = kind { return true }
        return false
    }

    // MARK: - Configs and points

    /// The GP point of a config.
    func point(for config: JSONObject) -> [Double] {
        point(unit: space.encode(config), mask: space.activeMask(config))
    }

    /// The GP point of an encoded config and its activity mask.
    private func point(unit: [Double], mask: [Bool]) -> [Double] {
        var z = unit
        for i in z.indices {
            if case .categorical(let count) = kinds[i] {
                z[i] = mask[i] ? Double(min(max(Int(unit[i] * Double(count)), 0), count - 1)) : -1
            } else if !mask[i] {
                z[i] = SearchSpace.inactiveFiller
            }
        }
        return z
    }

    /// The unit-cube point of a GP point (categorical indices back to cell centres).
    func unit(_ z: [Double]) -> [Double] {
        var u = z
        for i in u.indices {
            if case .categorical(let count) = kinds[i] {
                u[i] = z[i] < 0 ? SearchSpace.inactiveFiller : (z[i] + 0.5) / Double(count)
            }
        }
        return u
    }

    /// The config a GP point stands for.
    func config(_ z: [Double]) -> JSONObject {
        space.decode(unit(z))
    }

    /// The canonical GP point of a unit-cube point (a quasi-random candidate, say).
    func canonical(unit u: [Double]) -> [Double] {
        if space.isConditional { return point(for: space.decode(u)) }
        var z = u
        for i in z.indices {
            if case .categorical(let count) = kinds[i] {
                z[i] = Double(min(max(Int(min(max(u[i], 0), 1) * Double(count)), 0), count - 1))
            }
        }
        return canonical(z)
    }

    /// The canonical GP point of `z`: relaxed coordinates snapped to their values, categoricals
    /// to a valid index, inactive coordinates to the filler. Idempotent.
    func canonical(_ z: [Double]) -> [Double] {
        if space.isConditional { return point(for: config(z)) }
        var result = z
        for i in result.indices {
            result[i] = snap(z[i], coordinate: i)
        }
        return result
    }

    /// One coordinate snapped (non-conditional spaces).
    private func snap(_ value: Double, coordinate i: Int) -> Double {
        let v = value.isNaN ? SearchSpace.inactiveFiller : value
        switch kinds[i] {
        case .continuous:
            return min(max(v, 0), 1)
        case .cells(let count):
            let k = min(max(Int(min(max(v, 0), 1) * Double(count)), 0), count - 1)
            return (Double(k) + 0.5) / Double(count)
        case .logInteger:
            let parameter = space.parameters[i]
            return parameter.unitValue(of: parameter.value(fromUnit: v)) ?? min(max(v, 0), 1)
        case .categorical(let count):
            return Double(min(max(Int(v.rounded()), 0), count - 1))
        }
    }

    /// Which coordinates a canonical point has active (inactive ones sit at their filler).
    func activeMask(_ z: [Double]) -> [Bool] {
        guard space.isConditional else { return Array(repeating: true, count: dimension) }
        return space.activeMask(config(z))
    }
}
