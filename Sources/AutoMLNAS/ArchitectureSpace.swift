import AutoMLJSON
import AutoMLNumerics
import AutoMLTrainer

/// A space of neural architectures, seen as a fixed sequence of categorical decisions.
///
/// Every space here (NASNet cells, hierarchical motifs, MnasNet blocks, per-layer bit widths)
/// is a product of finite choices: which inputs a block reads, which operation it applies,
/// which kernel a layer uses. Writing an architecture as one decision vector lets every
/// strategy share one representation: evolution mutates one decision, an RL controller emits
/// the decisions one by one (`choices` is its action space per step), NSGA-II crosses vectors
/// over. The space turns decisions into two things a user sees: a readable `genotype` (JSON,
/// what the paper would print) and a `ModelDescription` the trainer builds, so an evaluator
/// in any language can use either.
///
/// NEAT is the one family that does not fit (its genomes grow); it has its own genome type.
public protocol ArchitectureSpace: Sendable {
    /// The space's kind as clients write it in `options.space.kind` (`"nasnet"`, `"mnasnet"`).
    var kind: String { get }

    /// How many choices each decision has, in the order a controller emits them (each ≥ 1).
    var choices: [Int] { get }

    /// A readable name for each decision (`"normal.block2.op1"`), for genotypes and errors.
    var decisionNames: [String] { get }

    /// The readable form of an architecture (the paper's genotype), as JSON.
    func genotype(_ decisions: [Int]) -> JSON

    /// The network the trainer builds for these decisions (for the data set's input and classes).
    func model(_ decisions: [Int]) -> ModelDescription

    /// The space's own description (its options with defaults filled in), for `session/status`.
    var json: JSON { get }

    /// A copy of `decisions` with exactly one decision changed: the mutation of evolutionary
    /// strategies. The default picks a decision with at least two choices uniformly and gives it
    /// a different value uniformly (AmoebaNet's hidden-state and operation mutations are that,
    /// over a NASNet space); a space whose paper mutates differently overrides it (hierarchical
    /// motifs pick a level first). Returns `decisions` unchanged when no decision has a choice.
    func mutate(_ decisions: [Int], using rng: inout SeededGenerator) -> [Int]

    /// The architecture a suggestion carries: decisions, genotype and model together. A space
    /// that adds members (per-layer `bits`, `training` overrides, a predicted size) overrides it;
    /// declaring it here makes that override reach strategies holding `any ArchitectureSpace`.
    func architecture(_ decisions: [Int]) -> Architecture
}

extension ArchitectureSpace {
    /// Every decision drawn uniformly: the prior of random search and of a fresh population.
    public func sample(using rng: inout SeededGenerator) -> [Int] {
        choices.map { $0 <= 1 ? 0 : rng.nextInt(below: $0) }
    }

    /// Whether `decisions` has one in-range value per decision.
    public func isValid(_ decisions: [Int]) -> Bool {
        decisions.count == choices.count && zip(decisions, choices).allSatisfy { $0 >= 0 && $0 < $1 }
    }

    public func architecture(_ decisions: [Int]) -> Architecture {
        Architecture(space: kind, decisions: decisions, genotype: genotype(decisions), model: model(decisions))
    }

    public func mutate(_ decisions: [Int], using rng: inout SeededGenerator) -> [Int] {
        let mutable = choices.indices.filter { choices[$0] > 1 && $0 < decisions.count }
        guard !mutable.isEmpty else { return decisions }
        var child = decisions
        let index = mutable[rng.nextInt(below: mutable.count)]
        child[index] = DecisionMutation.differentValue(from: decisions[index], choices: choices[index], using: &rng)
        return child
    }

    /// The size of the space (decisions' choices multiplied), saturating at `Double.infinity`.
    public var cardinality: Double {
        choices.reduce(1.0) { $0 * Double($1) }
    }
}
