import AutoMLNumerics

/// Explicit fitness sharing and offspring allocation (section 3.3).
public enum NEATReproduction {
    /// Raw fitnesses mapped to [0, 1] (the population's worst → 0, best → 1) so that sharing
    /// and proportional allocation work whatever their sign; failed genomes (nil or not finite)
    /// get 0, and when every finite fitness is equal they all get 1.
    public static func normalized(_ fitness: [Double?]) -> [Double] {
        let finite = fitness.compactMap { $0 }.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return fitness.map { _ in 0 } }
        return fitness.map { value in
            guard let value, value.isFinite else { return 0 }
            return high > low ? (value - low) / (high - low) : 1
        }
    }

    /// Each species' summed adjusted fitness: Σ over members of `f_i / |S|` (explicit fitness
    /// sharing, with `sh(δ) = 1` exactly for members of the same species).
    public static func sharedFitness(_ normalized: [Double], species: [[Int]]) -> [Double] {
        species.map { members in
            members.isEmpty ? 0 : members.reduce(0) { $0 + normalized[$1] } / Double(members.count)
        }
    }

    /// `total` offspring split in proportion to `shares` (largest remainders, ties to the
    /// earlier species); equal shares when they sum to zero.
    public static func allocate(_ total: Int, shares: [Double]) -> [Int] {
        guard !shares.isEmpty, total > 0 else { return shares.map { _ in 0 } }
        let sum = shares.reduce(0, +)
        let weights = sum > 0 && sum.isFinite ? shares.map { max($0, 0) / sum } : shares.map { _ in 1 / Double(shares.count) }
        let exact = weights.map { $0 * Double(total) }
        var counts = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1) }
        var missing = total - counts.reduce(0, +)
        var k = 0
        while missing > 0 {
            counts[order[k % order.count]] += 1
            missing -= 1
            k += 1
        }
        return counts
    }
}
