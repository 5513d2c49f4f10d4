import AutoMLNumerics

/// A species: genomes within the compatibility threshold of its representative.
public struct NEATSpecies: Sendable, Hashable {
    public var id: Int
    /// The genome new genomes are compared with: a random member of the previous generation.
    public var representative: NEATGenome
    /// Indices into the population's genomes.
    public var members: [Int]
    /// The best raw fitness any member has reached (−∞ before the first evaluation).
    public var bestFitness = -Double.infinity
    /// The generation in which `bestFitness` last improved (or the species appeared).
    public var lastImproved: Int

    public init(id: Int, representative: NEATGenome, members: [Int], lastImproved: Int) {
        self.id = id
        self.representative = representative
        self.members = members
        self.lastImproved = lastImproved
    }
}

/// Speciation (section 3.3): each genome joins the first species whose representative is within
/// δt of it, else founds a new species it represents.
public enum NEATSpeciation {
    /// Assigns `genomes` to `species` (whose representatives are already chosen; their members
    /// are replaced), appending new species numbered from `nextID`. Species left without
    /// members are removed. Returns the species and the next free id.
    public static func assign(_ genomes: [NEATGenome], to species: [NEATSpecies], nextID: Int,
                              generation: Int, settings: NEATSettings) -> (species: [NEATSpecies], nextID: Int) {
        var result = species.map { s in
            var copy = s
            copy.members = []
            return copy
        }
        var nextID = nextID
        for (index, genome) in genomes.enumerated() {
            if let k = result.firstIndex(where: { settings.distance(genome, $0.representative) < settings.compatibilityThreshold }) {
                result[k].members.append(index)
            } else {
                result.append(NEATSpecies(id: nextID, representative: genome, members: [index], lastImproved: generation))
                nextID += 1
            }
        }
        return (result.filter { !$0.members.isEmpty }, nextID)
    }
}
