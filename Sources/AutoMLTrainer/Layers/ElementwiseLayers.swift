/// Layers without parameters that keep the shape: activations, dropout, identity and zero.
struct ActivationLayer: Layer {
    let activation: Activation

    func forward(_ input: Variable, _ context: ForwardContext) -> Variable {
        switch activation {
        case .relu: return input.relu()
        case .gelu: return input.gelu()
        case .tanh: return input.tanh()
        case .sigmoid: return input.sigmoid()
        case .softmax: return input.softmax()
        case .logSoftmax: return input.logSoftmax()
        case .leakyRelu(let slope): return input.leakyRelu(slope: Float(slope))
        case .elu(let alpha): return input.elu(alpha: Float(alpha))
        }
    }
}

struct DropoutLayer: Layer {
    let rate: Float

    func forward(_ input: Variable, _ context: ForwardContext) -> Variable {
        input.dropout(rate: rate, training: context.training, generator: &context.generator)
    }
}

struct IdentityLayer: Layer {
    func forward(_ input: Variable, _ context: ForwardContext) -> Variable { input }
}

struct ZeroLayer: Layer {
    func forward(_ input: Variable, _ context: ForwardContext) -> Variable { input.zero() }
}
