import AutoMLTrainer

/// The building blocks every architecture space assembles its models from, as trainer
/// operations for 1-D (`[C, L]`) or 2-D (`[C, H, W]`) feature maps.
///
/// Convolutions use "same" padding, so a stride-1 operation keeps the spatial extents and a
/// stride-2 one gives ⌈extent / 2⌉ on every axis, whatever the kernel or dilation: operations
/// that reduce together therefore always agree on their output shape. Convolutions followed by
/// batch norm have no bias (the norm's shift replaces it).
enum Layers {
    static func relu() -> OperationSpec { OperationSpec(.activation(.relu)) }

    static func batchNorm() -> OperationSpec { OperationSpec(.batchNorm(momentum: 0.1, epsilon: 1e-5, affine: true)) }

    /// A convolution with "same" padding.
    static func conv(rank: Int, channels: Int, kernel: Int, stride: Int = 1, dilation: Int = 1,
                     groups: Int = 1, bias: Bool = false) -> OperationSpec {
        OperationSpec(.convolution(Convolution(
            rank: rank, channels: channels, kernel: Array(repeating: kernel, count: rank),
            stride: Array(repeating: stride, count: rank), dilation: Array(repeating: dilation, count: rank),
            padding: .same, groups: groups, bias: bias)))
    }

    /// A pooling window with "same" padding.
    static func pool(_ kind: Variable.PoolingKind, rank: Int, kernel: Int, stride: Int) -> OperationSpec {
        OperationSpec(.pooling(Pooling(kind: kind, rank: rank, kernel: Array(repeating: kernel, count: rank),
                                       stride: Array(repeating: stride, count: rank), padding: .same)))
    }

    static func sequence(_ ops: [OperationSpec]) -> OperationSpec {
        ops.count == 1 ? ops[0] : OperationSpec(.sequence(ops))
    }

    /// ReLU → convolution → batch norm (the NASNet/DARTS ordering).
    static func reluConvBN(rank: Int, channels: Int, kernel: Int, stride: Int = 1, dilation: Int = 1) -> OperationSpec {
        sequence([relu(), conv(rank: rank, channels: channels, kernel: kernel, stride: stride, dilation: dilation), batchNorm()])
    }

    /// ReLU → depthwise k-convolution → pointwise 1×1 → batch norm: a separable convolution
    /// (dilated when `dilation` > 1), at a fraction of a full convolution's parameters.
    static func reluSeparableBN(rank: Int, inputChannels: Int, channels: Int, kernel: Int, stride: Int = 1,
                                dilation: Int = 1) -> OperationSpec {
        sequence([
            relu(),
            conv(rank: rank, channels: inputChannels, kernel: kernel, stride: stride, dilation: dilation, groups: inputChannels),
            conv(rank: rank, channels: channels, kernel: 1),
            batchNorm(),
        ])
    }

    /// Convolution → batch norm → ReLU (the ordering of the hierarchical and MnasNet papers).
    static func convBNReLU(rank: Int, channels: Int, kernel: Int, stride: Int = 1, groups: Int = 1) -> OperationSpec {
        sequence([conv(rank: rank, channels: channels, kernel: kernel, stride: stride, groups: groups), batchNorm(), relu()])
    }

    /// The spatial extents after a stride-`stride` operation with "same" padding.
    static func reduced(_ spatial: [Int], stride: Int) -> [Int] {
        spatial.map { ($0 + stride - 1) / stride }
    }
}
