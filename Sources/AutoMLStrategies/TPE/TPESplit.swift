/// TPE's split of the observations into the good ones, which build `l(x)`, and the rest, which
/// build `g(x)` (pending trials join the rest: that is the constant liar).
///
/// One objective: the `goodCount` best by loss. Several objectives (MOTPE): whole
/// non-domination fronts, best first, while they fit; the front that straddles the count is cut
/// by greedy hypervolume subset selection, with reference point `max(1.1 w, 0.9 w)` per
/// objective (`w` the front's worst loss, 0 replaced by 1e-12), as Optuna does. Either way,
/// complete trials come first and pruned ones fill what is left, ranked by the last step they
/// reached and their value there.
///
/// References: Ozaki, Tanigaki, Watanabe & Onishi, "Multiobjective Tree-Structured Parzen
/// Estimator for Computationally Expensive Optimization Problems", GECCO 2020; Ozaki et al.,
/// "Multiobjective Tree-Structured Parzen Estimator", JAIR 73 (2022).
enum TPESplit {
    /// For each observation, whether it is among the `goodCount` good ones.
    static func goodFlags(_ observations: TPEObservations, goodCount: Int) -> [Bool] {
        var good = [Bool](repeating: false, count: observations.count)
        var remaining = min(max(goodCount, 0), observations.count)
        if observations.objectiveCount > 1 {
            let complete = observations.byTrialId.map(Int.init).filter { observations.isComplete[$0] }
            let k = min(remaining, complete.count)
            for index in multiObjectiveGood(observations, complete: complete, count: k) { good[index] = true }
            remaining -= k
            for index in observations.ranking.lazy.map(Int.init) where remaining > 0 && !observations.isComplete[index] {
                good[index] = true
                remaining -= 1
            }
        } else {
            for index in observations.ranking.prefix(remaining) { good[Int(index)] = true }
        }
        return good
    }

    /// `count` of the `complete` observations chosen by front, then hypervolume.
    static func multiObjectiveGood(_ observations: TPEObservations, complete: [Int], count k: Int) -> [Int] {
        guard k > 0 else { return [] }
        guard k < complete.count else { return complete }
        let m = observations.objectiveCount
        var losses = [Double](repeating: 0, count: complete.count * m)
        for (row, index) in complete.enumerated() {
            for o in 0..<m { losses[row * m + o] = observations.losses[index * m + o] }
        }
        var chosen: [Int] = []
        for front in ParetoRanking.fronts(losses: losses, objectives: m, atLeast: k) {
            if chosen.count + front.count <= k {
                chosen.append(contentsOf: front.map { complete[$0] })
                if chosen.count == k { break }
                continue
            }
            let points = front.map { row in (0..<m).map { losses[row * m + $0] } }
            let picked = Hypervolume.greedySubset(points, count: k - chosen.count, reference: referencePoint(points))
            chosen.append(contentsOf: picked.map { complete[front[$0]] })
            break
        }
        return chosen
    }

    /// `max(1.1 w, 0.9 w)` per objective, `w` the worst loss among `points`; 0 becomes 1e-12.
    static func referencePoint(_ points: [[Double]]) -> [Double] {
        guard let first = points.first else { return [] }
        return first.indices.map { o in
            let worst = points.map { $0[o] }.max() ?? 0
            let r = max(1.1 * worst, 0.9 * worst)
            return r == 0 ? 1e-12 : r
        }
    }
}
