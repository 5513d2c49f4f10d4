import Foundation

/// What a NEAT node is for: it fixes how the node gets its value.
public enum NEATNodeKind: String, Sendable, Hashable, CaseIterable {
    /// Takes one input value (inputs are read in id order).
    case input
    /// Always 1: the network's only source of biases.
    case bias
    /// One output value (outputs are written in id order).
    case output
    /// Added by splitting a connection.
    case hidden
}

/// The squashing function a hidden or output node applies to the weighted sum of its inputs.
///
/// `steepsigmoid` is the paper's `1 / (1 + e^(−4.9x))`, close to linear over [−0.5, 0.5] where
/// most weighted sums fall at the start; `sigmoid` is the usual logistic function.
public enum NEATActivation: String, Sendable, Hashable, CaseIterable {
    case identity, sigmoid, steepsigmoid, tanh, relu

    public func apply(_ x: Double) -> Double {
        switch self {
        case .identity: return x
        case .sigmoid: return 1 / (1 + Foundation.exp(-x))
        case .steepsigmoid: return 1 / (1 + Foundation.exp(-4.9 * x))
        case .tanh: return Foundation.tanh(x)
        case .relu: return max(x, 0)
        }
    }
}

/// One node of a genome. Ids are global across the population: the same id is the same
/// structural node (inputs, bias and outputs are numbered first, hidden nodes as they appear).
public struct NEATNodeGene: Sendable, Hashable {
    public var id: Int
    public var kind: NEATNodeKind
    /// Used by hidden and output nodes; inputs and bias pass their value through.
    public var activation: NEATActivation

    public init(id: Int, kind: NEATNodeKind, activation: NEATActivation = .identity) {
        self.id = id
        self.kind = kind
        self.activation = activation
    }
}

/// One connection of a genome: a weighted edge `from → to`, identified by its innovation number
/// (the historical marking crossover aligns genes by).
public struct NEATConnectionGene: Sendable, Hashable {
    public var innovation: Int
    public var from: Int
    public var to: Int
    public var weight: Double
    /// A disabled gene stays in the genome (it can be re-enabled by crossover) but carries nothing.
    public var enabled: Bool

    public init(innovation: Int, from: Int, to: Int, weight: Double, enabled: Bool = true) {
        self.innovation = innovation
        self.from = from
        self.to = to
        self.weight = weight
        self.enabled = enabled
    }
}
