import AutoMLNumerics

/// NSGA-II's ranking and selection over loss vectors (lower is better in every coordinate).
///
/// Notation: `losses[i]` is point i's vector of M losses. A point's *rank* is the index of its
/// non-dominated front (0 for the Pareto front); its *crowding distance* is, within its front,
/// the sum over objectives of the gap between its two neighbours in that objective, divided by
/// the front's range there (∞ for a front's extreme points). Fewer-rank first, then more
/// crowding distance, is the crowded-comparison order `≺n` of the paper.
///
/// References: Deb, Pratap, Agarwal & Meyarivan, "A Fast and Elitist Multiobjective Genetic
/// Algorithm: NSGA-II", IEEE TEVC 6(2), 2002.
public enum NSGA2Selection {
    /// The non-dominated fronts, best first, each in ascending index order. Points with a NaN
    /// loss are compared as if it were +∞.
    public static func fronts(_ losses: [[Double]]) -> [[Int]] {
        guard let m = losses.first?.count, m > 0 else { return losses.isEmpty ? [] : [Array(losses.indices)] }
        var flat: [Double] = []
        flat.reserveCapacity(losses.count * m)
        for point in losses {
            for o in 0..<m { flat.append(o < point.count && !point[o].isNaN ? point[o] : .infinity) }
        }
        return ParetoRanking.fronts(losses: flat, objectives: m)
    }

    /// Each point's front index.
    public static func ranks(_ losses: [[Double]]) -> [Int] {
        var rank = [Int](repeating: 0, count: losses.count)
        for (r, front) in fronts(losses).enumerated() {
            for i in front { rank[i] = r }
        }
        return rank
    }

    /// The crowding distance of each member of `front` (same order). Extreme points in any
    /// objective get ∞; an objective whose range over the front is zero or not finite adds 0.
    public static func crowdingDistances(_ losses: [[Double]], front: [Int]) -> [Double] {
        var distance = [Double](repeating: 0, count: front.count)
        guard front.count > 2 else { return distance.map { _ in .infinity } }
        let m = losses[front[0]].count
        for o in 0..<m {
            let value = { (k: Int) -> Double in
                let x = losses[front[k]][o]
                return x.isNaN ? .infinity : x
            }
            let order = front.indices.sorted { (value($0), front[$0]) < (value($1), front[$1]) }
            guard let firstPosition = order.first, let lastPosition = order.last else { continue }
            distance[firstPosition] = .infinity
            distance[lastPosition] = .infinity
            let range = value(lastPosition) - value(firstPosition)
            guard range > 0, range.isFinite else { continue }
            for k in 1..<(order.count - 1) {
                let gap = value(order[k + 1]) - value(order[k - 1])
                if gap.isFinite { distance[order[k]] += gap / range }
            }
        }
        return distance
    }

    /// Ranks and crowding distances of every point.
    public static func rankAndCrowding(_ losses: [[Double]]) -> (rank: [Int], crowding: [Double]) {
        var rank = [Int](repeating: 0, count: losses.count)
        var crowding = [Double](repeating: 0, count: losses.count)
        for (r, front) in fronts(losses).enumerated() {
            let distances = crowdingDistances(losses, front: front)
            for (k, i) in front.enumerated() {
                rank[i] = r
                crowding[i] = distances[k]
            }
        }
        return (rank, crowding)
    }

    /// Elitist survival: whole fronts while they fit, then the rest of the last front by
    /// decreasing crowding distance (ties to the lower index). Returns `count` indices (all
    /// when fewer), in the order chosen.
    public static func survivors(_ losses: [[Double]], count: Int) -> [Int] {
        var chosen: [Int] = []
        for front in fronts(losses) {
            if chosen.count >= count { break }
            if chosen.count + front.count <= count {
                chosen += front
                continue
            }
            let distances = crowdingDistances(losses, front: front)
            let order = front.indices.sorted { (distances[$0], -front[$0]) > (distances[$1], -front[$1]) }
            chosen += order.prefix(count - chosen.count).map { front[$0] }
        }
        return chosen
    }

    /// Binary tournament under the crowded-comparison order: two random entrants, the one with
    /// the lower rank wins, then the one with the larger crowding distance, then the first drawn.
    public static func tournament(rank: [Int], crowding: [Double], rng: inout SeededGenerator) -> Int {
        let a = rng.nextInt(below: rank.count), b = rng.nextInt(below: rank.count)
        if rank[a] != rank[b] { return rank[a] < rank[b] ? a : b }
        return crowding[b] > crowding[a] ? b : a
    }
}
