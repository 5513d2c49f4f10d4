import AutoMLNumerics

/// The three mutations of NEAT: weights, add connection, add node.
public enum NEATMutation {
    /// Applies each mutation with its probability, independently: weights, then add node, then
    /// add connection (each structural mutation at most once per offspring).
    public static func mutate(_ genome: inout NEATGenome, tracker: inout NEATInnovationTracker,
                              settings: NEATSettings, rng: inout SeededGenerator) {
        if rng.nextUnit() < settings.weightMutationRate { mutateWeights(&genome, settings: settings, rng: &rng) }
        if rng.nextUnit() < settings.addNodeRate { _ = addNode(&genome, tracker: &tracker, activation: settings.activation, rng: &rng) }
        if rng.nextUnit() < settings.addConnectionRate {
            _ = addConnection(&genome, tracker: &tracker, weightStd: settings.weightInitStd, rng: &rng)
        }
    }

    /// Each weight is perturbed by N(0, power²) with probability `weightPerturbRate`, else
    /// replaced by a fresh N(0, initStd²) draw; then clamped to ±`weightLimit`.
    public static func mutateWeights(_ genome: inout NEATGenome, settings: NEATSettings, rng: inout SeededGenerator) {
        for index in genome.connections.indices {
            let perturb = rng.nextUnit() < settings.weightPerturbRate
            let draw = rng.nextGaussian()
            genome.updateConnection(at: index) { gene in
                let value = perturb ? gene.weight + settings.weightPerturbPower * draw : settings.weightInitStd * draw
                gene.weight = min(max(value, -settings.weightLimit), settings.weightLimit)
            }
        }
    }

    /// Adds a connection between two nodes not yet joined, with weight N(0, std²): the source is
    /// any node, the target a hidden or output node, and the edge must not close a cycle. Tries
    /// a bounded number of random pairs; returns whether one was added.
    @discardableResult
    public static func addConnection(_ genome: inout NEATGenome, tracker: inout NEATInnovationTracker,
                                     weightStd: Double, rng: inout SeededGenerator, attempts: Int = 32) -> Bool {
        let targets = genome.nodes.filter { $0.kind == .hidden || $0.kind == .output }.map(\.id)
        let sources = genome.nodes.map(\.id)
        guard !targets.isEmpty, !sources.isEmpty else { return false }
        for _ in 0..<attempts {
            let from = sources[rng.nextInt(below: sources.count)]
            let to = targets[rng.nextInt(below: targets.count)]
            if genome.hasConnection(from: from, to: to) || genome.wouldCreateCycle(from: from, to: to) { continue }
            let innovation = tracker.connection(from: from, to: to)
            genome.insert(NEATConnectionGene(innovation: innovation, from: from, to: to, weight: weightStd * rng.nextGaussian()))
            return true
        }
        return false
    }

    /// Splits a random enabled connection `a → b` (weight w): it is disabled, a new node `n` is
    /// added with connections `a → n` (weight 1) and `n → b` (weight w), so that with a linear
    /// activation the network computes the same function right after the split. Returns whether
    /// a connection was split.
    @discardableResult
    public static func addNode(_ genome: inout NEATGenome, tracker: inout NEATInnovationTracker,
                               activation: NEATActivation, rng: inout SeededGenerator) -> Bool {
        let enabled = genome.connections.indices.filter { genome.connections[$0].enabled }
        guard !enabled.isEmpty else { return false }
        let index = enabled[rng.nextInt(below: enabled.count)]
        return split(&genome, at: index, tracker: &tracker, activation: activation)
    }

    /// Splits the connection at `index` (see `addNode`); false when the tracker's node for this
    /// split is already in the genome.
    @discardableResult
    public static func split(_ genome: inout NEATGenome, at index: Int, tracker: inout NEATInnovationTracker,
                             activation: NEATActivation) -> Bool {
        let old = genome.connections[index]
        let split = tracker.split(old.innovation)
        guard genome.node(split.node) == nil else { return false }
        genome.updateConnection(at: index) { $0.enabled = false }
        genome.insert(NEATNodeGene(id: split.node, kind: .hidden, activation: activation))
        genome.insert(NEATConnectionGene(innovation: split.incoming, from: old.from, to: split.node, weight: 1))
        genome.insert(NEATConnectionGene(innovation: split.outgoing, from: split.node, to: old.to, weight: old.weight))
        return true
    }
}
