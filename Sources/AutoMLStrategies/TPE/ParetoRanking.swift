/// Non-dominated sorting of loss vectors (lower is better in every coordinate).
///
/// Notation: `n` points of `M` losses, `losses[i * M + o]`. Point `p` dominates `q` when it is
/// no worse in every objective and better in one; equal points do not dominate each other and
/// share a front.
enum ParetoRanking {
    /// The successive non-dominated fronts (each ascending point indices), peeled until at least
    /// `atLeast` points are ranked (all points when nil): the fronts beyond are not computed.
    ///
    /// Points are first sorted lexicographically, so that a point can only be dominated by one
    /// before it; a point is on the current front when no front member found so far dominates it
    /// (a dominating point off the front would itself be dominated by a front member).
    static func fronts(losses: [Double], objectives m: Int, atLeast: Int? = nil) -> [[Int]] {
        guard m > 0 else { return [] }
        let n = losses.count / m
        var order = Array(0..<n)
        order.sort { a, b in
            for o in 0..<m where losses[a * m + o] != losses[b * m + o] {
                return losses[a * m + o] < losses[b * m + o]
            }
            return a < b
        }
        let target = min(atLeast ?? n, n)
        var fronts: [[Int]] = []
        var ranked = 0
        while ranked < target && !order.isEmpty {
            var front: [Int] = []
            var rest: [Int] = []
            for i in order {
                if front.contains(where: { dominates($0, i, losses: losses, objectives: m) }) {
                    rest.append(i)
                } else {
                    front.append(i)
                }
            }
            ranked += front.count
            fronts.append(front.sorted())
            order = rest
        }
        return fronts
    }

    /// Whether point `a` dominates point `b`.
    @inline(__always)
    static func dominates(_ a: Int, _ b: Int, losses: [Double], objectives m: Int) -> Bool {
        var strictly = false
        for o in 0..<m {
            let x = losses[a * m + o], y = losses[b * m + o]
            if x > y { return false }
            if x < y { strictly = true }
        }
        return strictly
    }
}
