/// Hypervolume of loss vectors and greedy hypervolume subset selection, for MOTPE's tie-break.
///
/// Notation: points are loss vectors of `M` objectives (lower is better); the hypervolume of a
/// set is the measure of the region each point dominates up to the reference point `r`. A point
/// not strictly better than `r` in every objective adds nothing.
///
/// References: While, Bradstreet & Barone, "A Fast Way of Calculating Exact Hypervolumes"
/// (WFG), IEEE TEVC 2012; Guerreiro, Fonseca & Paquete, "Greedy Hypervolume Subset Selection in
/// Low Dimensions", Evolutionary Computation 2016.
enum Hypervolume {
    /// The hypervolume of `points` with respect to `reference`: a sweep for two objectives, the
    /// WFG recursion (sum of exclusive contributions) for more.
    static func volume(_ points: [[Double]], reference: [Double]) -> Double {
        let m = reference.count
        let inside = points.filter { p in (0..<m).allSatisfy { p[$0] < reference[$0] } }
        guard !inside.isEmpty else { return 0 }
        switch m {
        case 1:
            return reference[0] - inside.map { $0[0] }.min()!
        case 2:
            let sorted = inside.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
            var volume = 0.0
            var bestSecond = reference[1]
            for p in sorted where p[1] < bestSecond {
                volume += (reference[0] - p[0]) * (bestSecond - p[1])
                bestSecond = p[1]
            }
            return volume
        default:
            let sorted = inside.sorted { $0[m - 1] > $1[m - 1] }
            var volume = 0.0
            for i in sorted.indices {
                volume += exclusive(sorted[i], others: sorted[(i + 1)...], reference: reference)
            }
            return volume
        }
    }

    /// The volume only `point` dominates, given `others`: its box minus the volume of the others
    /// limited to that box.
    static func exclusive<C: Collection>(_ point: [Double], others: C, reference: [Double]) -> Double where C.Element == [Double] {
        let limited = others.map { q in zip(q, point).map { max($0, $1) } }
        return box(point, reference: reference) - volume(nondominated(limited), reference: reference)
    }

    /// The volume of the box between `point` and `reference` (0 when it is not below it).
    static func box(_ point: [Double], reference: [Double]) -> Double {
        var product = 1.0
        for (x, r) in zip(point, reference) { product *= max(r - x, 0) }
        return product
    }

    /// The points no other point dominates, duplicates kept once.
    static func nondominated(_ points: [[Double]]) -> [[Double]] {
        var kept: [[Double]] = []
        for (i, p) in points.enumerated() {
            let dominated = points.indices.contains { j in
                j != i && (dominates(points[j], p) || (j < i && points[j] == p))
            }
            if !dominated { kept.append(p) }
        }
        return kept
    }

    static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
        var strictly = false
        for (x, y) in zip(a, b) {
            if x > y { return false }
            if x < y { strictly = true }
        }
        return strictly
    }

    /// `count` indices of `points` chosen greedily, each maximizing its hypervolume contribution
    /// to those chosen before (ties to the lower index): a `1 - 1/e` approximation of the best
    /// subset. Contributions only shrink as the subset grows (submodularity), so stale ones are
    /// upper bounds and only candidates whose bound can still win are recomputed ("lazy greedy").
    ///
    /// Duplicated points are handled as Optuna does: if fewer distinct points than `count`
    /// exist, every first occurrence is taken, then duplicates in index order. A non-finite
    /// reference point takes the first `count` indices.
    static func greedySubset(_ points: [[Double]], count: Int, reference: [Double]) -> [Int] {
        let k = min(max(count, 0), points.count)
        guard k < points.count else { return Array(points.indices) }
        guard reference.allSatisfy({ $0.isFinite }) else { return Array(0..<k) }
        var firstOccurrence: [Int] = []
        var duplicates: [Int] = []
        for (i, p) in points.enumerated() {
            if firstOccurrence.contains(where: { points[$0] == p }) { duplicates.append(i) } else { firstOccurrence.append(i) }
        }
        if firstOccurrence.count <= k {
            return (firstOccurrence + duplicates.prefix(k - firstOccurrence.count)).sorted()
        }
        var candidates = firstOccurrence
        var bounds = candidates.map { box(points[$0], reference: reference) }
        var chosen: [Int] = []
        var chosenPoints: [[Double]] = []
        while chosen.count < k {
            let order = candidates.indices.sorted { (bounds[$0], -candidates[$0]) > (bounds[$1], -candidates[$1]) }
            var best = -1
            var bestValue = -Double.infinity
            for position in order {
                if bounds[position] < bestValue { break }
                if !chosenPoints.isEmpty {
                    bounds[position] = exclusive(points[candidates[position]], others: chosenPoints, reference: reference)
                }
                let value = bounds[position]
                if value > bestValue || (value == bestValue && best >= 0 && candidates[position] < candidates[best]) {
                    best = position
                    bestValue = value
                }
            }
            guard best >= 0 else { break }
            chosen.append(candidates[best])
            chosenPoints.append(points[candidates[best]])
            candidates.remove(at: best)
            bounds.remove(at: best)
        }
        return chosen
    }
}
