import AutoMLTrainer

/// Collects the nodes and edges of a trainer graph in topological order, as the spaces build
/// their networks node by node.
struct GraphAssembly {
    /// What a node built so far holds per sample: `[channels] + spatial`.
    struct State: Sendable, Equatable {
        var name: String
        var channels: Int
        var spatial: [Int]
    }

    private(set) var nodes: [NodeSpec] = []
    private(set) var edges: [EdgeSpec] = []

    /// Adds a node whose value combines `incoming` (source node, optional edge operation), in
    /// order, then passes through `operation`.
    mutating func node(_ name: String, combine: NodeSpec.Combine = .sum, operation: OperationSpec? = nil,
                       from incoming: [(String, OperationSpec?)]) {
        for (source, op) in incoming { edges.append(EdgeSpec(from: source, to: name, operation: op)) }
        nodes.append(NodeSpec(name: name, combine: combine, operation: operation))
    }

    /// The model: this graph over inputs of `inputShape`, its output the last node added.
    func model(inputShape: [Int]) -> ModelDescription {
        ModelDescription(inputShape: inputShape, graph: GraphSpec(nodes: nodes, edges: edges, output: nodes.last?.name))
    }

    /// Adds the classifier: global average pooling and a linear layer to `classes` scores.
    mutating func head(from state: State, classes: Int) {
        node("pool", operation: OperationSpec(.globalPooling(.average)), from: [(state.name, nil)])
        node("logits", operation: OperationSpec(.linear(units: classes, bias: true)), from: [("pool", nil)])
    }
}
