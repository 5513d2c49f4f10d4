/// The feed-forward network a genome encodes, ready to run on inputs.
///
/// ```swift
/// let network = NEATNetwork(genome)
/// let output = network.activate([1, 0])      // one value per output node, in id order
/// ```
///
/// Each node's value is its activation applied to the weighted sum of the values its enabled
/// incoming connections carry; inputs take the given values and the bias node is 1. A hidden or
/// output node with no enabled input gets `activation(0)`. Disabled genes carry nothing.
public struct NEATNetwork: Sendable {
    /// How many values `activate` expects: the genome's input nodes.
    public let inputCount: Int
    /// How many values `activate` returns: the genome's output nodes.
    public let outputCount: Int
    /// Per node in evaluation order: its slot, kind, activation and weighted sources (slots).
    private let steps: [Step]
    private let inputSlots: [Int]
    private let biasSlot: Int?
    private let outputSlots: [Int]
    private let nodeCount: Int

    private struct Step: Sendable {
        var slot: Int
        var activation: NEATActivation
        var sources: [(slot: Int, weight: Double)]
    }

    /// Builds the network. A genome whose enabled connections contain a cycle (impossible for
    /// genomes this module makes or reads) is evaluated in id order, ignoring the backward edges.
    public init(_ genome: NEATGenome) {
        let nodes = genome.nodes
        nodeCount = nodes.count
        var sources = [[(slot: Int, weight: Double)]](repeating: [], count: nodes.count)
        for connection in genome.connections where connection.enabled {
            guard let from = genome.nodeIndex(connection.from), let to = genome.nodeIndex(connection.to) else { continue }
            sources[to].append((from, connection.weight))
        }
        let order = NEATTopology.order(genome, enabledOnly: true) ?? Array(nodes.indices)
        var position = [Int](repeating: 0, count: nodes.count)
        for (k, slot) in order.enumerated() { position[slot] = k }
        steps = order.compactMap { slot in
            let node = nodes[slot]
            guard node.kind == .hidden || node.kind == .output else { return nil }
            return Step(slot: slot, activation: node.activation, sources: sources[slot].filter { position[$0.slot] < position[slot] })
        }
        inputSlots = nodes.indices.filter { nodes[$0].kind == .input }
        biasSlot = nodes.indices.first { nodes[$0].kind == .bias }
        outputSlots = nodes.indices.filter { nodes[$0].kind == .output }
        inputCount = inputSlots.count
        outputCount = outputSlots.count
    }

    /// The output values for one input vector. Missing inputs read as 0 and extra ones are
    /// ignored; callers that want an error check `inputCount` first (as `NEATFitness` does).
    public func activate(_ inputs: [Double]) -> [Double] {
        var values = [Double](repeating: 0, count: nodeCount)
        for (k, slot) in inputSlots.enumerated() where k < inputs.count { values[slot] = inputs[k] }
        if let biasSlot { values[biasSlot] = 1 }
        for step in steps {
            var sum = 0.0
            for source in step.sources { sum += source.weight * values[source.slot] }
            values[step.slot] = step.activation.apply(sum)
        }
        return outputSlots.map { values[$0] }
    }
}
