/// The margin of CMA-ES with Margin (Hamano et al. 2022): keeps every discrete coordinate's
/// marginal distribution from collapsing onto one value, so integers, stepped floats,
/// categoricals and ordinals keep being explored after the step size has shrunk.
///
/// A discrete coordinate `i` is evaluated at `m_i + A_i (x_i - m_i)`: a per-coordinate scale
/// `A` stretches the sample about the mean before decoding picks the cell. After each
/// distribution update the correction makes, for every discrete coordinate, the probability of
/// leaving the mean's cell at least `α` (the margin, `1 / (n λ)` unless given):
/// - mean in an end cell: when the probability of the one neighbour is below `α`, the mean is
///   moved towards the boundary until it is exactly `α`;
/// - mean in an inner cell: each side's probability is raised to at least `α / 2` by moving
///   the mean and solving for `A_i` (two equations, two unknowns), with `σ` and `C` kept.
///
/// In this engine the cells are the unit-cube cells of `SearchSpace.decode` (`UnitCells`); a
/// categorical is treated as its coordinate's cells in declaration order, an ordering that has
/// no meaning for the objective but lets the margin keep every neighbouring choice alive.
struct CMAESMargin: Sendable, Hashable {
    /// The margin `α`.
    let alpha: Double
    /// Per coordinate: the cells of a discrete coordinate, nil for a continuous one.
    let cells: [UnitCells?]
    /// The scale `A` per coordinate (1 for continuous ones).
    private(set) var scale: [Double]

    init(cells: [UnitCells?], alpha: Double) {
        self.cells = cells
        self.alpha = alpha
        self.scale = [Double](repeating: 1, count: cells.count)
    }

    /// The point evaluated for the raw sample `x` of a distribution with mean `mean`.
    func encoded(_ x: [Double], mean: [Double]) -> [Double] {
        var out = x
        for i in x.indices where cells[i] != nil {
            out[i] = mean[i] + scale[i] * (x[i] - mean[i])
        }
        return out
    }

    /// Applies the correction to the distribution that was just updated.
    mutating func correct(_ distribution: inout CMAESDistribution) {
        let n = distribution.dimension
        let sigma = distribution.sigma
        for i in 0..<n {
            guard let cells = cells[i] else { continue }
            let deviation = distribution.covariance[i * n + i].squareRoot()
            let m = distribution.mean[i]
            let position = cells.cell(of: m)
            let lowIndex = min(max(position - 1, 0), cells.count - 2)
            let upIndex = min(max(position, 0), cells.count - 2)
            let low = cells.threshold(lowIndex), up = cells.threshold(upIndex)
            let spread = sigma * scale[i] * deviation
            guard spread > 0, spread.isFinite else { continue }
            let lowTail = NormalTail.cdf((low - m) / spread)
            let upTail = NormalTail.upper((up - m) / spread)

            if position == 0 || position == cells.count - 1 {
                // End cell: only one neighbour; pull the mean to where it gets probability α.
                if min(lowTail, upTail) < alpha {
                    let direction: Double = m < up ? -1 : (m > up ? 1 : 0)
                    distribution.mean[i] = up + direction * spread * NormalTail.upperQuantile(alpha)
                }
                continue
            }
            let middle = 1 - (lowTail + upTail)
            let lowRaised = max(lowTail, alpha / 2), upRaised = max(upTail, alpha / 2)
            let excess = 1 - lowRaised - upRaised - middle
            let denominator = lowRaised + middle + upRaised - 3 * alpha / 2
            let lowTarget = Self.clampTail(lowRaised + excess * (lowRaised - alpha / 2) / denominator)
            let upTarget = Self.clampTail(upRaised + excess * (upRaised - alpha / 2) / denominator)
            let chiLow = NormalTail.upperQuantile(lowTarget)
            let chiUp = NormalTail.upperQuantile(upTarget)
            let newScale = (up - low) / ((chiLow + chiUp) * sigma * deviation)
            guard newScale.isFinite, newScale > 0 else { continue }
            scale[i] = newScale
            distribution.mean[i] = (low * chiUp + up * chiLow) / (chiLow + chiUp)
        }
    }

    private static func clampTail(_ p: Double) -> Double {
        guard p.isFinite else { return 0.5 - 1e-10 }
        return min(max(p, 1e-10), 0.5 - 1e-10)
    }
}
