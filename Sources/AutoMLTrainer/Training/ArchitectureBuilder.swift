import AutoMLJSON

/// Turns the classic architecture hyper-parameters of a `TrainingConfig` into a model
/// description: an MLP, or a small 1-D or 2-D CNN.
///
/// - MLP: for each width, linear → [batch norm] → activation → [dropout]; then linear to the
///   classes.
/// - CNN: for each width (channels), convolution (kernel `kernel`, "same" padding, dilation
///   2^i when `dilated`) → [batch norm] → activation → [pooling 2/2] → [dropout]; then flatten
///   (or global average) and linear to the classes.
public enum ArchitectureBuilder {
    /// The description `config` stands for (its `model` when set).
    /// - Throws: `JSONFieldError` at `config.inputShape` when a CNN's input shape cannot be
    ///   derived from `features` or does not hold them.
    public static func description(for config: TrainingConfig, features: Int, classes: Int,
                                   path: String = "config") throws(JSONFieldError) -> ModelDescription {
        if let model = config.model { return model }
        let widths = config.widths ?? Array(repeating: config.width, count: config.layers)
        let activation = OperationSpec(.activation(activationOperation(config.activation)))
        var layers: [OperationSpec] = []
        func regularize() {
            if config.dropout > 0 { layers.append(OperationSpec(.dropout(rate: nil))) }
        }
        switch config.architecture {
        case .mlp:
            for width in widths {
                layers.append(OperationSpec(.linear(units: width, bias: true)))
                if config.batchNorm { layers.append(OperationSpec(.batchNorm(momentum: 0.1, epsilon: 1e-5, affine: true))) }
                layers.append(activation)
                regularize()
            }
            layers.append(OperationSpec(.linear(units: classes, bias: true)))
            return ModelDescription(inputShape: nil, layers: layers)
        case .cnn1d, .cnn2d:
            let rank = config.architecture == .cnn1d ? 1 : 2
            let input = try inputShape(config, rank: rank, features: features, path: path)
            for (i, width) in widths.enumerated() {
                let dilation = config.dilated ? 1 << min(i, 20) : 1
                layers.append(OperationSpec(.convolution(Convolution(
                    rank: rank, channels: width, kernel: Array(repeating: config.kernel, count: rank),
                    dilation: Array(repeating: dilation, count: rank), padding: .same))))
                if config.batchNorm { layers.append(OperationSpec(.batchNorm(momentum: 0.1, epsilon: 1e-5, affine: true))) }
                layers.append(activation)
                if config.pooling != .none {
                    layers.append(OperationSpec(.pooling(Pooling(kind: config.pooling == .max ? .max : .average, rank: rank,
                                                                 kernel: Array(repeating: 2, count: rank), padding: .same))))
                }
                regularize()
            }
            layers.append(OperationSpec(config.head == .flatten ? .flatten : .globalPooling(.average)))
            layers.append(OperationSpec(.linear(units: classes, bias: true)))
            return ModelDescription(inputShape: input, layers: layers)
        }
    }

    static func activationOperation(_ kind: ActivationKind) -> Activation {
        switch kind {
        case .relu: return .relu
        case .leakyrelu: return .leakyRelu(slope: 0.01)
        case .elu: return .elu(alpha: 1)
        case .gelu: return .gelu
        case .tanh: return .tanh
        case .sigmoid: return .sigmoid
        }
    }

    private static func inputShape(_ config: TrainingConfig, rank: Int, features: Int, path: String) throws(JSONFieldError) -> [Int] {
        let at = JSONPath.member(path, "inputShape")
        if let shape = config.inputShape {
            guard shape.count == rank + 1, Shape.checkedCount(shape) == features else {
                throw JSONFieldError(path: at, reason: "a \(rank)-D CNN needs [channels, \(rank == 1 ? "length" : "height, width")] holding \(features) features, not \(shape)")
            }
            return shape
        }
        if rank == 1 { return [1, features] }
        var side = 1
        while (side + 1) * (side + 1) <= features { side += 1 }
        guard side * side == features else {
            throw JSONFieldError(path: at, reason: "\(features) features are not a square image: give [channels, height, width]")
        }
        return [1, side, side]
    }
}
