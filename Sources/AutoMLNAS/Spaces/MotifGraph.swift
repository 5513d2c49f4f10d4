import AutoMLTrainer

/// A motif of the hierarchical space: a DAG over nodes `0..<G` (0 the input, `G-1` the
/// output) whose edges `i → j` (i < j) each carry an operation, the identity, or nothing.
struct MotifGraph {
    enum Edge {
        case none
        case identity
        case operation(OperationSpec)
    }

    /// The edges in decision order: `(0,1), (0,2), (1,2), (0,3), ...` (by target, then source).
    static func pairs(nodes: Int) -> [(from: Int, to: Int)] {
        (1..<max(nodes, 1)).flatMap { j in (0..<j).map { (from: $0, to: j) } }
    }

    let nodes: Int
    /// One entry per pair of `pairs(nodes:)`.
    let edges: [Edge]

    /// The nodes that lie on a path from the input to the output.
    var liveNodes: [Bool] {
        let pairs = Self.pairs(nodes: nodes)
        var forward = Array(repeating: false, count: nodes), backward = Array(repeating: false, count: nodes)
        forward[0] = true
        for (k, pair) in pairs.enumerated() where forward[pair.from] && !isNone(k) { forward[pair.to] = true }
        backward[nodes - 1] = true
        for (k, pair) in pairs.enumerated().reversed() where backward[pair.to] && !isNone(k) { backward[pair.from] = true }
        return zip(forward, backward).map { $0 && $1 }
    }

    private func isNone(_ k: Int) -> Bool {
        if case .none = edges[k] { return true }
        return false
    }

    /// The motif as one operation on `[channels, spatial...]`; nil when it computes the
    /// identity (its output is unreachable from its input: no path, nothing to compute).
    ///
    /// A node joins several incoming values by channel concatenation then a 1×1 convolution
    /// (with batch norm and ReLU) back to `channels`, as the paper's depthwise concatenation.
    func operation(rank: Int, channels: Int) -> OperationSpec? {
        let live = liveNodes
        guard nodes >= 2, live[nodes - 1] else { return nil }
        let pairs = Self.pairs(nodes: nodes)
        var assembly = GraphAssembly()
        func name(_ node: Int) -> String { node == 0 ? "input" : "n\(node)" }
        for j in 1..<nodes where live[j] {
            var incoming: [(String, OperationSpec?)] = []
            for (k, pair) in pairs.enumerated() where pair.to == j && live[pair.from] {
                switch edges[k] {
                case .none: continue
                case .identity: incoming.append((name(pair.from), nil))
                case .operation(let op): incoming.append((name(pair.from), op))
                }
            }
            if incoming.count > 1 {
                assembly.node(name(j), combine: .concat, operation: Layers.convBNReLU(rank: rank, channels: channels, kernel: 1), from: incoming)
            } else {
                assembly.node(name(j), from: incoming)
            }
        }
        return OperationSpec(.graph(GraphSpec(nodes: assembly.nodes, edges: assembly.edges, output: name(nodes - 1))))
    }
}
