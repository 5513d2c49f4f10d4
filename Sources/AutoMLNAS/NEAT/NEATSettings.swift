/// The parameters of one NEAT run, with the paper's values as defaults where it gives them.
///
/// References: Stanley & Miikkulainen, "Evolving Neural Networks through Augmenting
/// Topologies", Evolutionary Computation 10(2), 2002 (section 4.1 lists the values used for XOR:
/// c1 = c2 = 1, c3 = 0.4, δt = 3, 80% weight mutation with 90% perturbation, 75% disable rule,
/// 25% of offspring without crossover, 0.001 interspecies mating, 3% add node, 5% add link,
/// stagnation after 15 generations, champions of species above five copied unchanged).
public struct NEATSettings: Sendable, Hashable {
    public var populationSize = 50
    public var inputs = 2
    public var outputs = 1
    /// c1, c2, c3 of δ = c1·E/N + c2·D/N + c3·W̄.
    public var excessCoefficient = 1.0
    public var disjointCoefficient = 1.0
    public var weightCoefficient = 0.4
    /// δt: a genome joins the first species whose representative is closer than this.
    public var compatibilityThreshold = 3.0
    /// Genomes with fewer genes than this use N = 1 (the paper's rule for small genomes).
    public var normalizeAbove = 20
    /// Activation of new hidden nodes and of output nodes.
    public var activation = NEATActivation.steepsigmoid
    public var outputActivation = NEATActivation.steepsigmoid
    /// Probability that an offspring's weights are mutated; then each weight is perturbed
    /// (probability `weightPerturbRate`) by N(0, `weightPerturbPower`²) or replaced by N(0, `weightInitStd`²).
    public var weightMutationRate = 0.8
    public var weightPerturbRate = 0.9
    public var weightPerturbPower = 0.5
    public var weightInitStd = 1.0
    /// Weights are kept within ±`weightLimit`.
    public var weightLimit = 30.0
    public var addConnectionRate = 0.05
    public var addNodeRate = 0.03
    /// Fraction of non-elite offspring made by crossover (the rest by mutation alone).
    public var crossoverRate = 0.75
    /// A gene disabled in either parent is disabled in the child with this probability.
    public var disableInheritRate = 0.75
    public var interspeciesRate = 0.001
    /// Fraction of each species (the best) allowed to be parents.
    public var survivalThreshold = 0.2
    /// A species with more members than this keeps its champion unchanged.
    public var elitismAbove = 5
    /// A species whose best fitness has not improved for this many generations gets no
    /// offspring (unless it holds the population's best genome).
    public var stagnationLimit = 15

    public init() {}
}
