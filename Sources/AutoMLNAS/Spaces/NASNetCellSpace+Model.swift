import AutoMLTrainer

extension NASNetCellSpace {
    /// The network for `decisions`, as a trainer graph:
    ///
    /// stem (3-convolution to `C` channels, batch norm) → stages of cells → global average
    /// pooling → linear to the classes. Stage 0 has `normalCells` normal cells; each later stage
    /// starts with a reduction cell (stride 2, channels doubled) followed by `normalCells`
    /// normal cells. Inside cell `k` (nodes `cell<k>.*`):
    /// - `s0`, `s1`: the two previous cells' outputs through ReLU-1×1-BN to the cell's channels
    ///   (`s0` with stride 2 when the previous cell halved the extents);
    /// - `b<i>`: the block's two inputs through their primitives (stride 2 on a cell input in a
    ///   reduction cell), summed (`add`) or concatenated then ReLU-1×1-BN (`concat`);
    /// - `out`: the channel concatenation of the blocks no other block reads.
    ///
    /// Every decision vector builds: the primitives keep the channels, "same" padding makes
    /// every stride-2 choice agree on the extents, and the last block is always unused.
    public func model(_ decisions: [Int]) -> ModelDescription {
        var assembly = GraphAssembly()
        let rank = dimensions
        assembly.node("stem", operation: Layers.sequence([Layers.conv(rank: rank, channels: channels, kernel: 3), Layers.batchNorm()]),
                      from: [("input", nil)])
        let stem = GraphAssembly.State(name: "stem", channels: channels, spatial: Array(inputShape.dropFirst()))
        var (previous, last) = (stem, stem)
        var cellChannels = channels, index = 0
        let normal = blocks(of: .normal, decisions), reduction = blocks(of: .reduction, decisions)
        for stage in 0...reductions {
            var kinds = Array(repeating: CellKind.normal, count: normalCells)
            if stage > 0 {
                cellChannels *= 2
                kinds.insert(.reduction, at: 0)
            }
            for kind in kinds {
                let output = addCell(&assembly, index: index, blocks: kind == .reduction ? reduction : normal,
                                     reduces: kind == .reduction, channels: cellChannels, inputs: (previous, last))
                (previous, last) = (last, output)
                index += 1
            }
        }
        assembly.head(from: last, classes: classes)
        return assembly.model(inputShape: inputShape)
    }

    private func addCell(_ assembly: inout GraphAssembly, index: Int, blocks: [Block], reduces: Bool, channels: Int,
                         inputs: (GraphAssembly.State, GraphAssembly.State)) -> GraphAssembly.State {
        let rank = dimensions, prefix = "cell\(index)"
        let halve = inputs.0.spatial != inputs.1.spatial
        assembly.node("\(prefix).s0", operation: Layers.reluConvBN(rank: rank, channels: channels, kernel: 1, stride: halve ? 2 : 1),
                      from: [(inputs.0.name, nil)])
        assembly.node("\(prefix).s1", operation: Layers.reluConvBN(rank: rank, channels: channels, kernel: 1),
                      from: [(inputs.1.name, nil)])
        var names = ["\(prefix).s0", "\(prefix).s1"]
        for (i, block) in blocks.enumerated() {
            let incoming: [(String, OperationSpec?)] = zip(block.inputs, block.operations).map { input, primitive in
                let stride = reduces && input < 2 ? 2 : 1
                let operation = primitive == .identity && stride == 1 ? nil : primitive.operation(rank: rank, channels: channels, stride: stride)
                return (names[input], operation)
            }
            let name = "\(prefix).b\(i)"
            switch block.combiner {
            case .add:
                assembly.node(name, combine: .sum, from: incoming)
            case .concat:
                assembly.node(name, combine: .concat, operation: Layers.reluConvBN(rank: rank, channels: channels, kernel: 1), from: incoming)
            }
            names.append(name)
        }
        let unused = Self.unusedBlocks(blocks)
        assembly.node("\(prefix).out", combine: .concat, from: unused.map { (names[$0 + 2], nil) })
        let spatial = reduces ? Layers.reduced(inputs.1.spatial, stride: 2) : inputs.1.spatial
        return GraphAssembly.State(name: "\(prefix).out", channels: channels * unused.count, spatial: spatial)
    }
}
