/// Writes an operation back in the JSON form `init(from:)` reads, so descriptions round-trip.
extension OperationSpec {
    func encodeOperation(into c: inout KeyedEncodingContainer<CodingKeys>, encoder: any Encoder) throws {
        switch operation {
        case .linear(let units, let bias):
            try c.encode("linear", forKey: .type)
            try c.encode(units, forKey: .units)
            if !bias { try c.encode(false, forKey: .bias) }
        case .convolution(let conv):
            try c.encode(conv.rank == 1 ? "conv1d" : "conv2d", forKey: .type)
            try c.encode(conv.channels, forKey: .channels)
            try c.encode(conv.kernel, forKey: .kernel)
            try c.encode(conv.stride, forKey: .stride)
            try c.encode(conv.dilation, forKey: .dilation)
            try encode(conv.padding, into: &c)
            try c.encode(conv.groups, forKey: .groups)
            if !conv.bias { try c.encode(false, forKey: .bias) }
        case .batchNorm(let momentum, let epsilon, let affine):
            try c.encode("batchnorm", forKey: .type)
            try c.encode(momentum, forKey: .momentum)
            try c.encode(epsilon, forKey: .epsilon)
            if !affine { try c.encode(false, forKey: .affine) }
        case .activation(let activation):
            switch activation {
            case .relu: try c.encode("relu", forKey: .type)
            case .gelu: try c.encode("gelu", forKey: .type)
            case .tanh: try c.encode("tanh", forKey: .type)
            case .sigmoid: try c.encode("sigmoid", forKey: .type)
            case .softmax: try c.encode("softmax", forKey: .type)
            case .logSoftmax: try c.encode("logsoftmax", forKey: .type)
            case .leakyRelu(let slope):
                try c.encode("leakyrelu", forKey: .type)
                try c.encode(slope, forKey: .slope)
            case .elu(let alpha):
                try c.encode("elu", forKey: .type)
                try c.encode(alpha, forKey: .alpha)
            }
        case .dropout(let rate):
            try c.encode("dropout", forKey: .type)
            try c.encodeIfPresent(rate, forKey: .rate)
        case .pooling(let pooling):
            try c.encode("\(pooling.kind == .max ? "max" : "avg")pool\(pooling.rank)d", forKey: .type)
            try c.encode(pooling.kernel, forKey: .kernel)
            try c.encode(pooling.stride, forKey: .stride)
            try encode(pooling.padding, into: &c)
        case .globalPooling(let kind):
            try c.encode(kind == .max ? "globalmaxpool" : "globalavgpool", forKey: .type)
        case .flatten: try c.encode("flatten", forKey: .type)
        case .reshape(let shape):
            try c.encode("reshape", forKey: .type)
            try c.encode(shape, forKey: .shape)
        case .identity: try c.encode("identity", forKey: .type)
        case .zero: try c.encode("zero", forKey: .type)
        case .sequence(let ops):
            try c.encode("sequence", forKey: .type)
            try c.encode(ops, forKey: .ops)
        case .mixed(let mixed):
            try c.encode("mixed", forKey: .type)
            try c.encode(mixed.candidates, forKey: .candidates)
            try c.encodeIfPresent(mixed.alpha, forKey: .alpha)
            try c.encodeIfPresent(mixed.alphaInit, forKey: .alphaInit)
            try c.encodeIfPresent(mixed.weights, forKey: .weights)
            try c.encodeIfPresent(mixed.active, forKey: .active)
        case .graph(let graph):
            try c.encode("graph", forKey: .type)
            try graph.encode(to: encoder)
        }
    }

    private func encode(_ padding: Padding, into c: inout KeyedEncodingContainer<CodingKeys>) throws {
        switch padding {
        case .same: try c.encode("same", forKey: .padding)
        case .explicit(let values): try c.encode(values, forKey: .padding)
        }
    }
}
