/// Layers made of layers: sequences, mixed operations and graphs.
struct SequenceLayer: Layer {
    let layers: [any Layer]

    func forward(_ input: Variable, _ context: ForwardContext) -> Variable {
        layers.reduce(input) { $1.forward($0, context) }
    }
}

/// `Σ_{i ∈ active} w_i · candidate_i(x)` with `w = softmax(α[active])` or fixed weights.
struct MixedLayer: Layer {
    let candidates: [any Layer]
    let active: [Int]
    /// The position of α in the store; nil when the weights are fixed.
    let alpha: Int?
    let fixedWeights: [Float]

    func forward(_ input: Variable, _ context: ForwardContext) -> Variable {
        let weights: [Variable]
        if let alpha {
            let w = context.parameter(alpha).gathered(active).softmax()
            weights = active.indices.map { w.gathered([$0]).reshaped([]) }
        } else {
            weights = active.map { context.tape.constant(Tensor(scalar: fixedWeights[$0])) }
        }
        var total: Variable?
        for (k, i) in active.enumerated() {
            let term = candidates[i].forward(input, context) * weights[k]
            total = total.map { $0 + term } ?? term
        }
        return total ?? input.zero()
    }
}

/// A DAG evaluated in topological order; value 0 is the input.
struct GraphLayer: Layer {
    struct Node: Sendable {
        /// Incoming edges: the value they read (0 = input, k = node k − 1) and their operation.
        let incoming: [(source: Int, operation: (any Layer)?)]
        let combine: NodeSpec.Combine
        let operation: (any Layer)?
    }

    let nodes: [Node]
    /// The value index of the output (1-based node index).
    let output: Int

    func forward(_ input: Variable, _ context: ForwardContext) -> Variable {
        var values = [input]
        for node in nodes {
            let parts = node.incoming.map { edge in edge.operation.map { $0.forward(values[edge.source], context) } ?? values[edge.source] }
            var combined: Variable
            switch node.combine {
            case .concat: combined = parts.count == 1 ? parts[0] : Variable.concatenate(parts, alongAxis: 1)
            case .sum, .mean:
                combined = parts.dropFirst().reduce(parts[0]) { $0 + $1 }
                if node.combine == .mean && parts.count > 1 { combined = combined * (1 / Float(parts.count)) }
            }
            values.append(node.operation.map { $0.forward(combined, context) } ?? combined)
        }
        return values[output]
    }
}
