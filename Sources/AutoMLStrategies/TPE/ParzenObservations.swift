/// The points a Parzen estimator is built from: `count` observations of a block of dimensions
/// in unit coordinates, each with a weight, plus each numeric dimension's ascending order.
///
/// Notation: `m = count`, `B` dimensions in the block, slot `s` in `0..<m` one observation.
/// - `values[t * m + s]`: observation `s`'s coordinate in block dimension `t` (`B × m`).
/// - `sortedSlots[t * m + r]`: the slot of the `r`-th smallest value of dimension `t`, ties in
///   slot order (`B × m`; rows of categorical dimensions are not read).
/// - `weights[s]`: the observation's weight before normalization (the prior is added later).
///
/// Keeping the order apart lets the strategy maintain it incrementally instead of sorting
/// thousands of values at every ask.
struct ParzenObservations: Sendable {
    var count: Int
    var dimensionCount: Int
    var values: [Double]
    var sortedSlots: [Int32]
    var weights: [Double]

    /// Observations from rows of coordinates (one row per observation), sorting each dimension.
    init(rows: [[Double]], weights: [Double]) {
        let m = rows.count
        let b = rows.first?.count ?? 0
        var values = [Double](repeating: 0, count: m * b)
        for (s, row) in rows.enumerated() {
            for t in 0..<b { values[t * m + s] = row[t] }
        }
        self.init(values: values, count: m, dimensionCount: b, weights: weights)
    }

    /// Observations from dimension-major values, sorting each dimension.
    init(values: [Double], count m: Int, dimensionCount b: Int, weights: [Double]) {
        var sortedSlots = [Int32](repeating: 0, count: m * b)
        for t in 0..<b {
            let order = (0..<m).sorted { (values[t * m + $0], $0) < (values[t * m + $1], $1) }
            for (r, s) in order.enumerated() { sortedSlots[t * m + r] = Int32(s) }
        }
        self.init(values: values, sortedSlots: sortedSlots, count: m, dimensionCount: b, weights: weights)
    }

    /// Observations whose per-dimension order is already known.
    init(values: [Double], sortedSlots: [Int32], count: Int, dimensionCount: Int, weights: [Double]) {
        self.count = count
        self.dimensionCount = dimensionCount
        self.values = values
        self.sortedSlots = sortedSlots
        self.weights = weights
    }
}
