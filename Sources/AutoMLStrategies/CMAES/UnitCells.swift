import AutoMLSpace

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cells a discrete parameter cuts its unit coordinate into: where `SearchSpace.decode`
/// switches from one value to the next.
///
/// CMA-ES with margin needs the thresholds between cells, and the RBF method snaps candidate
/// points to cell centres so the surrogate is asked about configs that can actually be run.
/// The layout mirrors `Parameter.value(fromUnit:)`: `n` equal cells for ints, stepped floats,
/// categoricals and ordinals; for a log int, cell boundaries at `ln(v + 0.5)` on the log range
/// `[ln(low - 0.5), ln(high + 0.5)]`, where decoding rounds in value space.
struct UnitCells: Sendable, Hashable {
    enum Layout: Sendable, Hashable {
        /// `count` equal cells.
        case uniform
        /// Integers `low...high` decoded by rounding `exp(a + u (b - a))`.
        case logInt(low: Double, a: Double, b: Double)
    }

    /// Number of cells (at least 2).
    let count: Int
    let layout: Layout

    /// The cells of a discrete parameter, or nil for a continuous float or a single value.
    init?(_ parameter: Parameter) {
        guard let count = parameter.cardinality, count >= 2 else { return nil }
        self.count = count
        if case .int(let low, let high, true, _) = parameter.kind {
            layout = .logInt(low: Double(low), a: log(Double(low) - 0.5), b: log(Double(high) + 0.5))
        } else {
            layout = .uniform
        }
    }

    /// The cell holding coordinate `u`; coordinates outside `[0, 1]` fall in the end cells.
    func cell(of u: Double) -> Int {
        guard u > 0 else { return 0 }
        guard u < 1 else { return count - 1 }
        switch layout {
        case .uniform:
            return min(Int(u * Double(count)), count - 1)
        case .logInt(let low, let a, let b):
            let value = exp(a + u * (b - a)).rounded()
            guard value.isFinite else { return count - 1 }
            return min(max(Int(value - low), 0), count - 1)
        }
    }

    /// The boundary between cell `k` and cell `k + 1`, for `k` in `0..<count - 1`.
    func threshold(_ k: Int) -> Double {
        switch layout {
        case .uniform:
            return Double(k + 1) / Double(count)
        case .logInt(let low, let a, let b):
            return (log(low + Double(k) + 0.5) - a) / (b - a)
        }
    }

    /// The coordinate `SearchSpace.encode` gives the value of cell `k`.
    func centre(_ k: Int) -> Double {
        switch layout {
        case .uniform:
            return (Double(k) + 0.5) / Double(count)
        case .logInt(let low, let a, let b):
            return (log(low + Double(k)) - a) / (b - a)
        }
    }

    /// `u` moved to the centre of its cell.
    func snap(_ u: Double) -> Double { centre(cell(of: u)) }
}
