import AutoMLNumerics

/// NEAT crossover: genes aligned by innovation number.
public enum NEATCrossover {
    /// The child of `fitter` and `other`: matching genes take their weight from a random
    /// parent, disjoint and excess genes come from `fitter` only (the other's are dropped), so
    /// the child has exactly the fitter parent's structure, nodes included. An inherited gene
    /// disabled in either parent is disabled with probability `disableRate` (else enabled).
    ///
    /// Pass the parents in order of fitness; on equal fitness the caller decides (the paper
    /// mixes both parents' extra genes then; this keeps one parent's structure so the child
    /// stays acyclic and free of duplicate connections).
    public static func child(fitter: NEATGenome, other: NEATGenome, disableRate: Double,
                             rng: inout SeededGenerator) -> NEATGenome {
        let y = other.connections
        var j = 0
        var genes: [NEATConnectionGene] = []
        genes.reserveCapacity(fitter.connections.count)
        for gene in fitter.connections {
            while j < y.count && y[j].innovation < gene.innovation { j += 1 }
            var inherited = gene
            var disabledInEither = !gene.enabled
            if j < y.count && y[j].innovation == gene.innovation {
                if rng.nextUnit() < 0.5 { inherited.weight = y[j].weight }
                disabledInEither = disabledInEither || !y[j].enabled
            }
            if disabledInEither { inherited.enabled = !(rng.nextUnit() < disableRate) }
            genes.append(inherited)
        }
        return NEATGenome(nodes: fitter.nodes, connections: genes)
    }
}
