/// A NEAT genome: node genes and connection genes that encode one feed-forward network.
///
/// Node ids are global: inputs are `0..<inputs`, the bias node is `inputs`, outputs follow
/// (`inputs + 1 ..< inputs + 1 + outputs`), and hidden nodes take ids as the innovation tracker
/// hands them out. `nodes` stays sorted by id and `connections` by innovation number, so two
/// genomes can be aligned gene by gene in one merge pass.
///
/// Invariant (feed-forward only): the graph of *all* connection genes, enabled or not, is
/// acyclic and no connection enters an input or the bias node. Add-connection refuses any edge
/// that would close a cycle, add-node keeps the order, and crossover copies the fitter parent's
/// structure; so re-enabling a disabled gene can never create a cycle either.
public struct NEATGenome: Sendable, Hashable {
    public private(set) var nodes: [NEATNodeGene]
    public private(set) var connections: [NEATConnectionGene]

    /// A genome from genes in any order (they are sorted here).
    public init(nodes: [NEATNodeGene], connections: [NEATConnectionGene]) {
        self.nodes = nodes.sorted { $0.id < $1.id }
        self.connections = connections.sorted { $0.innovation < $1.innovation }
    }

    /// The paper's starting point: every input and the bias connected to every output, no
    /// hidden node. Connection `input i → output o` has innovation `i · outputs + o` in every
    /// genome, so the whole first generation shares its history.
    public static func minimal(inputs: Int, outputs: Int, outputActivation: NEATActivation,
                               weight: (Int) -> Double) -> NEATGenome {
        var nodes: [NEATNodeGene] = (0..<inputs).map { NEATNodeGene(id: $0, kind: .input) }
        nodes.append(NEATNodeGene(id: inputs, kind: .bias))
        nodes += (0..<outputs).map { NEATNodeGene(id: inputs + 1 + $0, kind: .output, activation: outputActivation) }
        var connections: [NEATConnectionGene] = []
        for source in 0...inputs {
            for o in 0..<outputs {
                let innovation = source * outputs + o
                connections.append(NEATConnectionGene(innovation: innovation, from: source, to: inputs + 1 + o, weight: weight(innovation)))
            }
        }
        return NEATGenome(nodes: nodes, connections: connections)
    }

    public var inputIDs: [Int] { nodes.filter { $0.kind == .input }.map(\.id) }
    public var outputIDs: [Int] { nodes.filter { $0.kind == .output }.map(\.id) }
    public var hiddenCount: Int { nodes.reduce(0) { $0 + ($1.kind == .hidden ? 1 : 0) } }

    /// The node with this id, if the genome has it.
    public func node(_ id: Int) -> NEATNodeGene? {
        guard let index = nodeIndex(id) else { return nil }
        return nodes[index]
    }

    /// Whether some connection gene (enabled or not) already joins `from` to `to`.
    public func hasConnection(from: Int, to: Int) -> Bool {
        connections.contains { $0.from == from && $0.to == to }
    }

    /// Whether adding `from → to` would close a cycle: true when `to` already reaches `from`
    /// through connection genes (enabled or not), or when they are the same node.
    public func wouldCreateCycle(from: Int, to: Int) -> Bool {
        if from == to { return true }
        var stack = [to]
        var seen: Set<Int> = [to]
        while let node = stack.popLast() {
            for connection in connections where connection.from == node {
                if connection.to == from { return true }
                if seen.insert(connection.to).inserted { stack.append(connection.to) }
            }
        }
        return false
    }

    /// Inserts a node, keeping ids sorted; an id already present is left alone.
    mutating func insert(_ node: NEATNodeGene) {
        let position = nodes.firstIndex { $0.id >= node.id } ?? nodes.count
        if position < nodes.count && nodes[position].id == node.id { return }
        nodes.insert(node, at: position)
    }

    /// Inserts a connection, keeping innovations sorted; an innovation already present is left alone.
    mutating func insert(_ connection: NEATConnectionGene) {
        let position = connections.firstIndex { $0.innovation >= connection.innovation } ?? connections.count
        if position < connections.count && connections[position].innovation == connection.innovation { return }
        connections.insert(connection, at: position)
    }

    /// Changes the connection at `index` (weights, enabled flag); its ends and innovation stay.
    mutating func updateConnection(at index: Int, _ body: (inout NEATConnectionGene) -> Void) {
        let innovation = connections[index].innovation, from = connections[index].from, to = connections[index].to
        body(&connections[index])
        connections[index].innovation = innovation
        connections[index].from = from
        connections[index].to = to
    }

    func nodeIndex(_ id: Int) -> Int? {
        var low = 0, high = nodes.count
        while low < high {
            let middle = (low + high) / 2
            if nodes[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low < nodes.count && nodes[low].id == id ? low : nil
    }
}
