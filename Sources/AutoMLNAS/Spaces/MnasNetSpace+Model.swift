import AutoMLTrainer

extension MnasNetSpace {
    /// The network for `decisions`: a 3-convolution stem of `channels` (batch norm, ReLU), the
    /// blocks in order, global average pooling and a linear layer to the classes. Layers, with
    /// "same" padding and the block's kernel `k` (stride 2 in a reducing block's first layer):
    /// - `conv`: k-convolution → BN → ReLU;
    /// - `dsconv`: depthwise k-convolution → BN → ReLU → 1×1 → BN;
    /// - `mbconv3`/`mbconv6`: 1×1 expansion ×3/×6 → BN → ReLU → depthwise k → BN → ReLU → 1×1 → BN.
    /// With skip `identity`, a layer whose input and output shapes agree is added to its input.
    public func model(_ decisions: [Int]) -> ModelDescription {
        var assembly = GraphAssembly()
        let rank = dimensions
        assembly.node("stem", operation: Layers.convBNReLU(rank: rank, channels: channels, kernel: 3), from: [("input", nil)])
        var last = GraphAssembly.State(name: "stem", channels: channels, spatial: Array(inputShape.dropFirst()))
        for b in 0..<blocks {
            let block = block(b, decisions)
            let width = max(1, Int((Double(baseChannels(b)) * block.width).rounded()))
            for l in 0..<block.layers {
                let stride = l == 0 && reduces(b) ? 2 : 1
                let layer = self.layer(block, input: last.channels, output: width, stride: stride)
                let name = "block\(b).layer\(l)"
                var incoming: [(String, OperationSpec?)] = [(last.name, layer)]
                if block.skip && stride == 1 && last.channels == width { incoming.append((last.name, nil)) }
                assembly.node(name, from: incoming)
                last = GraphAssembly.State(name: name, channels: width, spatial: Layers.reduced(last.spatial, stride: stride))
            }
        }
        assembly.head(from: last, classes: classes)
        return assembly.model(inputShape: inputShape)
    }

    private func layer(_ block: Block, input: Int, output: Int, stride: Int) -> OperationSpec {
        let rank = dimensions, k = block.kernel
        switch block.layer {
        case .conv:
            return Layers.convBNReLU(rank: rank, channels: output, kernel: k, stride: stride)
        case .dsconv:
            return Layers.sequence([
                Layers.convBNReLU(rank: rank, channels: input, kernel: k, stride: stride, groups: input),
                Layers.conv(rank: rank, channels: output, kernel: 1), Layers.batchNorm(),
            ])
        case .mbconv3, .mbconv6:
            let expanded = input * (block.layer == .mbconv3 ? 3 : 6)
            return Layers.sequence([
                Layers.convBNReLU(rank: rank, channels: expanded, kernel: 1),
                Layers.convBNReLU(rank: rank, channels: expanded, kernel: k, stride: stride, groups: expanded),
                Layers.conv(rank: rank, channels: output, kernel: 1), Layers.batchNorm(),
            ])
        }
    }
}
