#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLSpace

/// How one parameter looks to TPE, in its unit-cube coordinate `u` in `[0, 1]` (see
/// `Parameter.unitValue(of:)`): the natural transformed space, since log parameters are
/// already in log space there.
///
/// - A float without a step is continuous: kernels are normals truncated to `[0, 1]`.
/// - An int, a stepped float or an ordinal with `n` values owns `n` equal cells of `[0, 1]`;
///   a log int owns the cells `[ln(i - 1/2), ln(i + 1/2)]` mapped linearly from
///   `[ln(low - 1/2), ln(high + 1/2)]`. A kernel is a normal truncated to `[0, 1]` and a value's
///   probability is the kernel's mass over its cell: Optuna's discrete truncated normal, whose
///   domain `[low - step/2, high + step/2]` is exactly the unit interval here.
/// - A categorical with `n` choices has categorical kernels (see `ParzenEstimator`).
enum TPEDimension: Sendable, Hashable {
    case continuous
    /// `n` equal cells: value `k` owns `[k/n, (k+1)/n]`.
    case uniformCells(Int)
    /// A log int on `[low, high]`; `a = ln(low - 1/2)`, `b = ln(high + 1/2)`.
    case logIntCells(low: Int64, high: Int64, a: Double, b: Double)
    case categorical(Int)

    /// The dimension of `parameter`, or nil when it has a single value (nothing to learn).
    init?(_ parameter: Parameter) {
        switch parameter.kind {
        case .float(_, _, _, .none):
            self = .continuous
        case .int(let low, let high, true, _):
            self = .logIntCells(low: low, high: high, a: log(Double(low) - 0.5), b: log(Double(high) + 0.5))
        case .categorical(let choices):
            guard choices.count > 1 else { return nil }
            self = .categorical(choices.count)
        default:
            guard let count = parameter.cardinality else {
                self = .continuous
                return
            }
            guard count > 1 else { return nil }
            self = .uniformCells(count)
        }
    }

    var isCategorical: Bool {
        if case .categorical = self { return true }
        return false
    }

    var isContinuous: Bool { self == .continuous }

    /// The number of categories of a categorical dimension, else 0.
    var categoryCount: Int {
        if case .categorical(let n) = self { return n }
        return 0
    }

    /// The category a unit coordinate decodes to (`Parameter.value(fromUnit:)`'s cell).
    func category(of u: Double) -> Int {
        guard case .categorical(let n) = self else { return 0 }
        return Self.cellIndex(u, count: n)
    }

    /// The coordinate TPE writes for category `k`: the centre of its cell.
    static func unit(ofCategory k: Int, count: Int) -> Double {
        (Double(k) + 0.5) / Double(count)
    }

    /// The cell `[lo, hi]` of `[0, 1]` holding the value `u` decodes to; nil for continuous and
    /// categorical dimensions.
    func cell(of u: Double) -> (lo: Double, hi: Double)? {
        switch self {
        case .continuous, .categorical:
            return nil
        case .uniformCells(let n):
            let k = Self.cellIndex(u, count: n)
            return (Double(k) / Double(n), Double(k + 1) / Double(n))
        case .logIntCells(let low, let high, let a, let b):
            let u = u.isNaN ? 0.5 : min(max(u, 0), 1)
            let x = exp(a + u * (b - a)).rounded()
            let i = x.isFinite ? min(max(x, Double(low)), Double(high)) : (u < 0.5 ? Double(low) : Double(high))
            let span = b - a
            let lo = (log(i - 0.5) - a) / span
            let hi = (log(i + 0.5) - a) / span
            return (min(max(lo, 0), 1), min(max(hi, 0), 1))
        }
    }

    /// `min(floor(u n), n - 1)` with `u` clamped to `[0, 1]`, NaN read as 1/2.
    static func cellIndex(_ u: Double, count n: Int) -> Int {
        let u = u.isNaN ? 0.5 : min(max(u, 0), 1)
        return min(Int(u * Double(n)), n - 1)
    }
}
