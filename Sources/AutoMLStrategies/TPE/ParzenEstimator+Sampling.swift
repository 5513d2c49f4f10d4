import AutoMLNumerics

extension ParzenEstimator {
    /// `count` points drawn from the mixture, candidate-major (`count × B`, unit coordinates).
    ///
    /// Each point picks a kernel by weight (one uniform), then draws every block dimension from
    /// that kernel (one uniform each): a truncated normal by inversion for numeric dimensions
    /// (a discrete value is the cell the draw falls in), the kernel's categorical distribution for
    /// a categorical one, written as the centre of the choice's cell.
    func sample(count: Int, using rng: inout SeededGenerator) -> [Double] {
        let b = dimensions.count
        var points = [Double](repeating: 0, count: count * b)
        for i in 0..<count {
            let j = kernel(at: rng.nextUnit())
            for t in 0..<b {
                points[i * b + t] = draw(dimension: t, kernel: j, using: &rng)
            }
        }
        return points
    }

    /// The kernel whose cumulative weight interval holds `u` (binary search).
    func kernel(at u: Double) -> Int {
        var low = 0, high = kernelCount - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulativeWeights[mid] > u { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// One coordinate of block dimension `t` drawn from kernel `j`.
    private func draw(dimension t: Int, kernel j: Int, using rng: inout SeededGenerator) -> Double {
        if let c = continuousPositions.firstIndex(of: t) {
            let index = c * kernelCount + j
            return TruncatedNormal.sample(mean: means[index], sd: deviations[index], low: 0, high: 1, using: &rng)
        }
        if let cell = cells.first(where: { $0.position == t }) {
            let pair = Int(cell.pairOf[j])
            return TruncatedNormal.sample(mean: cell.pairMeans[pair], sd: cell.pairDeviations[pair], low: 0, high: 1, using: &rng)
        }
        guard let category = categories.first(where: { $0.position == t }) else { return rng.nextUnit() }
        let u = rng.nextUnit()
        let observed = Int(category.observed[j])
        guard observed >= 0 else {
            return TPEDimension.unit(ofCategory: TPEDimension.cellIndex(u, count: category.choices), count: category.choices)
        }
        var cumulative = 0.0
        for choice in 0..<category.choices {
            cumulative += choice == observed ? category.hitProbability : category.missProbability
            if u < cumulative { return TPEDimension.unit(ofCategory: choice, count: category.choices) }
        }
        return TPEDimension.unit(ofCategory: category.choices - 1, count: category.choices)
    }
}
