import AutoMLTrainer

extension HierarchicalSpace {
    /// The network for `decisions`, the paper's small model: a 3-convolution stem of `C`
    /// channels (batch norm, ReLU), then stages of `cells` cells, a stride-2 3-separable
    /// convolution doubling the channels between stages, global average pooling and a linear
    /// layer to the classes.
    ///
    /// Each cell is the level-3 motif; each of its edges runs a level-2 motif (a nested graph),
    /// the identity, or nothing. Nodes off every input-to-output path are dropped; a motif whose
    /// output cannot be reached from its input computes the identity. Every decision vector
    /// therefore builds.
    public func model(_ decisions: [Int]) -> ModelDescription {
        var assembly = GraphAssembly()
        let rank = dimensions
        var cellChannels = channels
        assembly.node("stem", operation: Layers.convBNReLU(rank: rank, channels: channels, kernel: 3), from: [("input", nil)])
        var last = GraphAssembly.State(name: "stem", channels: channels, spatial: Array(inputShape.dropFirst()))
        var index = 0
        for stage in 0...reductions {
            if stage > 0 {
                cellChannels *= 2
                let name = "reduce\(stage)"
                assembly.node(name, operation: Layers.sequence([
                    Layers.conv(rank: rank, channels: last.channels, kernel: 3, stride: 2, groups: last.channels),
                    Layers.conv(rank: rank, channels: cellChannels, kernel: 1), Layers.batchNorm(), Layers.relu(),
                ]), from: [(last.name, nil)])
                last = GraphAssembly.State(name: name, channels: cellChannels, spatial: Layers.reduced(last.spatial, stride: 2))
            }
            for _ in 0..<cells {
                let name = "cell\(index)"
                assembly.node(name, operation: cell(decisions, channels: cellChannels), from: [(last.name, nil)])
                last = GraphAssembly.State(name: name, channels: cellChannels, spatial: last.spatial)
                index += 1
            }
        }
        assembly.head(from: last, classes: classes)
        return assembly.model(inputShape: inputShape)
    }

    /// The level-3 motif at `channels` channels (nil: the identity).
    func cell(_ decisions: [Int], channels: Int) -> OperationSpec? {
        let rank = dimensions
        let edges: [MotifGraph.Edge] = (0..<cellEdges).map { e in
            switch choice(decisions, decisionIndex(motif: nil, edge: e)) {
            case 0: return .none
            case 1: return .identity
            case let k: return motif(k - 2, decisions, channels: channels).map { .operation($0) } ?? .identity
            }
        }
        return MotifGraph(nodes: nodes[1], edges: edges).operation(rank: rank, channels: channels)
    }

    /// Level-2 motif `m` at `channels` channels (nil: the identity).
    func motif(_ m: Int, _ decisions: [Int], channels: Int) -> OperationSpec? {
        let edges: [MotifGraph.Edge] = (0..<motifEdges).map { e in
            let k = choice(decisions, decisionIndex(motif: m, edge: e))
            guard k > 0 else { return .none }
            return primitives[k - 1].operation(rank: dimensions, channels: channels).map { .operation($0) } ?? .identity
        }
        return MotifGraph(nodes: nodes[0], edges: edges).operation(rank: dimensions, channels: channels)
    }
}
