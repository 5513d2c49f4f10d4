import AutoMLNumerics

/// Latin hypercube samples of the unit cube: along every coordinate, each of `count` equal
/// slices holds exactly one point, at a uniform position inside its slice.
///
/// Spreads a small initial design (PSO's swarm, the RBF method's first trials) more evenly
/// than independent uniform draws, with the same per-point distribution.
///
/// Reference: McKay, Beckman & Conover, "A comparison of three methods for selecting values of
/// input variables in the analysis of output from a computer code", Technometrics 1979.
enum LatinHypercube {
    /// `count` points of dimension `dimension`, drawn from `rng`.
    static func sample(count: Int, dimension: Int, using rng: inout SeededGenerator) -> [[Double]] {
        guard count > 0 else { return [] }
        var points = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: count)
        for j in 0..<dimension {
            var slices = Array(0..<count)
            rng.shuffle(&slices)
            for i in 0..<count {
                points[i][j] = (Double(slices[i]) + rng.nextUnit()) / Double(count)
            }
        }
        return points
    }
}
