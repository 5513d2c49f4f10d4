import AutoMLTrainer

/// The level-1 operations of the hierarchical space (Liu et al. 2018), each keeping the
/// channel count `C`; convolutions are followed by batch norm and ReLU, as in the paper.
/// "No edge" (`none`) is not a primitive but choice 0 of every edge.
public enum MotifPrimitive: String, Sendable, CaseIterable {
    /// 1×1 convolution of C channels.
    case conv1
    /// 3×3 depthwise convolution.
    case dwconv3
    /// 3×3 depthwise convolution followed by a 1×1 convolution of C channels.
    case sepconv3
    case maxpool3, avgpool3
    case identity

    func operation(rank: Int, channels: Int) -> OperationSpec? {
        switch self {
        case .conv1: return Layers.convBNReLU(rank: rank, channels: channels, kernel: 1)
        case .dwconv3: return Layers.convBNReLU(rank: rank, channels: channels, kernel: 3, groups: channels)
        case .sepconv3:
            return Layers.sequence([Layers.conv(rank: rank, channels: channels, kernel: 3, groups: channels),
                                    Layers.conv(rank: rank, channels: channels, kernel: 1), Layers.batchNorm(), Layers.relu()])
        case .maxpool3: return Layers.pool(.max, rank: rank, kernel: 3, stride: 1)
        case .avgpool3: return Layers.pool(.average, rank: rank, kernel: 3, stride: 1)
        case .identity: return nil
        }
    }
}
