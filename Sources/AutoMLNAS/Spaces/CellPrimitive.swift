import AutoMLTrainer

/// The operations a NASNet block may apply to one of its inputs (Zoph et al. 2018, reduced to
/// the ones that stay cheap on small signals and images).
///
/// Every operation keeps the channel count `C` of its cell. In a reduction cell the
/// operations that read a cell input run with stride 2; `identity` then becomes a strided 1×1
/// convolution so that every choice reduces alike.
public enum CellPrimitive: String, Sendable, CaseIterable {
    case identity
    case conv1, conv3, conv5, conv7
    case sepconv3, sepconv5, sepconv7
    case dilconv3, dilconv5
    case maxpool3, avgpool3

    /// The default set: the DARTS/NASNet staples.
    public static let defaults: [CellPrimitive] = [.identity, .conv3, .conv5, .sepconv3, .sepconv5, .dilconv3, .maxpool3, .avgpool3]

    /// The operation on `[channels, spatial...]`, with ReLU-conv-BN ordering for convolutions.
    func operation(rank: Int, channels: Int, stride: Int) -> OperationSpec {
        switch self {
        case .identity:
            return stride == 1 ? OperationSpec(.identity) : Layers.reluConvBN(rank: rank, channels: channels, kernel: 1, stride: stride)
        case .conv1: return Layers.reluConvBN(rank: rank, channels: channels, kernel: 1, stride: stride)
        case .conv3: return Layers.reluConvBN(rank: rank, channels: channels, kernel: 3, stride: stride)
        case .conv5: return Layers.reluConvBN(rank: rank, channels: channels, kernel: 5, stride: stride)
        case .conv7: return Layers.reluConvBN(rank: rank, channels: channels, kernel: 7, stride: stride)
        case .sepconv3: return Layers.reluSeparableBN(rank: rank, inputChannels: channels, channels: channels, kernel: 3, stride: stride)
        case .sepconv5: return Layers.reluSeparableBN(rank: rank, inputChannels: channels, channels: channels, kernel: 5, stride: stride)
        case .sepconv7: return Layers.reluSeparableBN(rank: rank, inputChannels: channels, channels: channels, kernel: 7, stride: stride)
        case .dilconv3:
            return Layers.reluSeparableBN(rank: rank, inputChannels: channels, channels: channels, kernel: 3, stride: stride, dilation: 2)
        case .dilconv5:
            return Layers.reluSeparableBN(rank: rank, inputChannels: channels, channels: channels, kernel: 5, stride: stride, dilation: 2)
        case .maxpool3: return Layers.pool(.max, rank: rank, kernel: 3, stride: stride)
        case .avgpool3: return Layers.pool(.average, rank: rank, kernel: 3, stride: stride)
        }
    }
}

/// How a NASNet block joins its two operation outputs.
public enum CellCombiner: String, Sendable, CaseIterable {
    /// Elementwise sum.
    case add
    /// Channel concatenation, then ReLU-1×1-BN back to `C` channels.
    case concat
}
