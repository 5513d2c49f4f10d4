/// Layers that change the shape: reshape/flatten and pooling.
struct ReshapeLayer: Layer {
    /// The per-sample shape of the output.
    let shape: [Int]

    func forward(_ input: Variable, _ context: ForwardContext) -> Variable {
        input.reshaped([input.shape[0]] + shape)
    }
}

struct PoolingLayer: Layer {
    let kind: Variable.PoolingKind
    let rank: Int
    let geometry: WindowGeometry

    func forward(_ input: Variable, _ context: ForwardContext) -> Variable {
        guard rank == 1 else { return input.pool(kind, geometry: geometry) }
        let shape = input.shape
        return input.reshaped([shape[0], shape[1], 1, shape[2]]).pool(kind, geometry: geometry)
            .reshaped([shape[0], shape[1], geometry.outputWidth])
    }
}

struct GlobalPoolingLayer: Layer {
    let kind: Variable.PoolingKind

    func forward(_ input: Variable, _ context: ForwardContext) -> Variable {
        kind == .max ? input.globalMaxPool() : input.globalAveragePool()
    }
}
