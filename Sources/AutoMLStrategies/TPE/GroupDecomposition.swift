/// The group-decomposed search space of Optuna's multivariate TPE (`group=True`): a partition
/// of the parameters into groups such that every observed trial activates either all of a group
/// or none of it. Each group is then modelled jointly by one multivariate Parzen estimator, over
/// the trials that activate it; parameters that never appeared together are modelled apart.
///
/// ```swift
/// var groups = GroupDecomposition()
/// groups.add(active: [0, 1, 2])     // kind, x, only_b
/// groups.add(active: [0, 1, 3])     // kind, x, only_ac
/// groups.groups                     // [[0, 1], [2], [3]]
/// ```
///
/// Adding a trial's active set splits every group into its part inside the set and its part
/// outside, then appends the set's parameters no group held yet. The result depends only on the
/// distinct active sets in the order first seen; an active set seen before changes nothing.
struct GroupDecomposition: Sendable, Hashable {
    /// The groups, each ascending parameter indices, in a deterministic order.
    private(set) var groups: [[Int]] = []
    private var seen: Set<[Int]> = []

    /// Refines the partition with one trial's active parameters (ascending indices).
    mutating func add(active: [Int]) {
        guard !active.isEmpty, seen.insert(active).inserted else { return }
        var remaining = Set(active)
        var next: [[Int]] = []
        for group in groups {
            let inside = group.filter { remaining.contains($0) }
            let outside = group.filter { !remaining.contains($0) }
            if !inside.isEmpty { next.append(inside) }
            if !outside.isEmpty { next.append(outside) }
            for index in inside { remaining.remove(index) }
        }
        let fresh = active.filter { remaining.contains($0) }
        if !fresh.isEmpty { next.append(fresh) }
        groups = next
    }
}
