import AutoMLJSON
import AutoMLNumerics

/// NSGA-II's generation bookkeeping (Deb et al. 2002), for any kind of member: a config of an
/// HPO space (`nsga2`), an architecture's decisions (`jasqnet`).
///
/// Completed members collect in a pool; once it holds `populationSize`, parents and pool are
/// merged and the best `populationSize` survive (non-dominated fronts, then crowding distance
/// on the last front that fits), with each survivor's rank and crowding distance kept for the
/// binary tournaments that choose the next children's parents.
public struct NSGA2Generations<Member: Sendable & Hashable>: Sendable, Hashable {
    /// A completed member with its losses (one per objective, lower is better).
    public struct Scored: Sendable, Hashable {
        public var member: Member
        public var losses: [Double]
    }

    public let populationSize: Int
    public private(set) var parents: [Scored] = []
    public private(set) var rank: [Int] = []
    public private(set) var crowding: [Double] = []
    /// Completed members since the last selection.
    public private(set) var pool: [Scored] = []
    public private(set) var generation = 0

    public init(populationSize: Int) {
        self.populationSize = populationSize
    }

    /// Adds a completed member (a NaN loss counts as +∞) and selects the next parents when the
    /// pool holds a generation.
    public mutating func add(_ member: Member, losses: [Double]) {
        pool.append(Scored(member: member, losses: losses.map { $0.isNaN ? .infinity : $0 }))
        guard pool.count >= populationSize else { return }
        let union = parents + pool
        parents = NSGA2Selection.survivors(union.map(\.losses), count: populationSize).map { union[$0] }
        (rank, crowding) = NSGA2Selection.rankAndCrowding(parents.map(\.losses))
        pool = []
        generation += 1
    }

    /// Two binary-tournament winners among the parents; nil before the first selection.
    public func tournamentPair(_ rng: inout SeededGenerator) -> (Member, Member)? {
        guard !parents.isEmpty else { return nil }
        let a = NSGA2Selection.tournament(rank: rank, crowding: crowding, rng: &rng)
        let b = NSGA2Selection.tournament(rank: rank, crowding: crowding, rng: &rng)
        return (parents[a].member, parents[b].member)
    }

    /// `{generation, parents, completedThisGeneration, paretoFront}` for `session/status`.
    public var status: JSONObject {
        [
            "generation": .int(Int64(generation)),
            "parents": .int(Int64(parents.count)),
            "completedThisGeneration": .int(Int64(pool.count)),
            "paretoFront": .int(Int64(rank.filter { $0 == 0 }.count)),
        ]
    }
}
