import AutoMLJSON

/// A trial that has not finished, as TPE sees it: the constant liar counts it among the bad
/// trials (as if its value were the worst observed), so that parallel asks spread out.
struct TPEPendingPoint: Sendable {
    /// The trial id (or, for a suggestion made earlier in the same ask, an id after every
    /// existing one): the age order of the weights.
    var order: Int
    var config: JSONObject
    var units: [Double]
    var active: [Bool]
}

/// Gathers the observations of one block (a set of parameters modelled jointly) into the
/// `ParzenObservations` of `l(x)` and `g(x)`.
///
/// An observation belongs to a block's estimators when every parameter of the block is active in
/// it (Optuna's rule for group-decomposed spaces). Slots follow trial ids, oldest first, which is
/// the order `TPEWeights.ramped` expects. The bad set arrives pre-sorted: each dimension's order
/// is read from `TPEObservations.sortedByDimension` and merged with the few pending points, an
/// `O(n)` walk instead of an `O(n log n)` sort at every ask.
enum TPEKernelSets {
    /// Whether observation `i` of `observations` has every parameter of `block` active.
    @inline(__always)
    static func covers(_ observations: TPEObservations, _ i: Int, _ block: [Int]) -> Bool {
        let base = i * observations.dimensionCount
        for d in block where !observations.active[base + d] { return false }
        return true
    }

    /// Whether every observation has every parameter of `block` active (no condition ever
    /// switched one off), so that `covers` need not be asked.
    static func coversAll(_ observations: TPEObservations, _ block: [Int]) -> Bool {
        block.allSatisfy { observations.alwaysActive[$0] }
    }

    /// `l(x)`'s observations: the good ones covering the block, weighted by `ramped` (one
    /// objective) or uniformly (several, as Optuna's MOTPE does).
    static func good(
        _ observations: TPEObservations, good: [Bool], block: [Int], uniformWeights: Bool
    ) -> ParzenObservations {
        let members = observations.byTrialId.lazy.map(Int.init).filter { good[$0] && covers(observations, $0, block) }
        let slots = Array(members)
        let m = slots.count
        let d = observations.dimensionCount
        var values = [Double](repeating: 0, count: block.count * m)
        for (s, i) in slots.enumerated() {
            for (t, p) in block.enumerated() { values[t * m + s] = observations.units[i * d + p] }
        }
        let weights = uniformWeights ? [Double](repeating: 1, count: m) : TPEWeights.ramped(m)
        return ParzenObservations(values: values, count: m, dimensionCount: block.count, weights: weights)
    }

    /// `g(x)`'s observations: the other observations covering the block plus the pending points
    /// covering it, weighted by `ramped` in trial order.
    static func rest(
        _ observations: TPEObservations, good: [Bool], block: [Int], categorical: [Bool], pending: [TPEPendingPoint]
    ) -> ParzenObservations {
        let d = observations.dimensionCount
        let inBlock = pending.filter { p in block.allSatisfy { p.active[$0] } }.sorted { $0.order < $1.order }
        var slotOf = [Int32](repeating: -1, count: observations.count)
        var pendingSlot = [Int32](repeating: 0, count: inBlock.count)
        var m: Int32 = 0
        var next = 0
        let all = coversAll(observations, block)
        for index in observations.byTrialId {
            let i = Int(index)
            while next < inBlock.count && inBlock[next].order < observations.trialIds[i] {
                pendingSlot[next] = m
                m += 1
                next += 1
            }
            guard !good[i] && (all || covers(observations, i, block)) else { continue }
            slotOf[i] = m
            m += 1
        }
        while next < inBlock.count {
            pendingSlot[next] = m
            m += 1
            next += 1
        }
        let count = Int(m)
        var values = [Double](repeating: 0, count: block.count * count)
        var sortedSlots = [Int32](repeating: 0, count: block.count * count)
        observations.units.withUnsafeBufferPointer { units in
            values.withUnsafeMutableBufferPointer { values in
                for i in 0..<observations.count where slotOf[i] >= 0 {
                    let slot = Int(slotOf[i])
                    for (t, p) in block.enumerated() { values[t * count + slot] = units[i * d + p] }
                }
            }
        }
        for (t, p) in block.enumerated() {
            let row = t * count
            for (k, point) in inBlock.enumerated() { values[row + Int(pendingSlot[k])] = point.units[p] }
            guard !categorical[t] else { continue }
            let pendingOrder = inBlock.indices.sorted { (inBlock[$0].units[p], inBlock[$0].order) < (inBlock[$1].units[p], inBlock[$1].order) }
            var r = row
            var q = 0
            for index in observations.sortedByDimension[p] {
                let i = Int(index)
                let slot = slotOf[i]
                guard slot >= 0 else { continue }
                while q < pendingOrder.count {
                    let u = values[row + Int(slot)]
                    let point = inBlock[pendingOrder[q]]
                    guard (point.units[p], point.order) < (u, observations.trialIds[i]) else { break }
                    sortedSlots[r] = pendingSlot[pendingOrder[q]]
                    r += 1
                    q += 1
                }
                sortedSlots[r] = slot
                r += 1
            }
            while q < pendingOrder.count {
                sortedSlots[r] = pendingSlot[pendingOrder[q]]
                r += 1
                q += 1
            }
        }
        return ParzenObservations(
            values: values, sortedSlots: sortedSlots, count: count, dimensionCount: block.count, weights: TPEWeights.ramped(count))
    }
}
