/// Batch normalization (Ioffe & Szegedy 2015) over the channel axis of `[B, C, ...]`.
///
/// Notation: N = B·P values per channel (P positions); in training mode each channel is
/// normalized by its batch mean μ and biased variance σ², `x̂ = (x − μ)·s` with
/// `s = 1/√(σ² + ε)`, `y = γ·x̂ + β`, and the running statistics move by `momentum` towards μ
/// and the unbiased variance σ²·N/(N − 1) (PyTorch's convention). In evaluation mode the
/// running statistics replace the batch's. Backward (training): `dβ = Σ dy`,
/// `dγ = Σ dy·x̂ = s·(Σ dy·x − μ·Σ dy)`, `dx = γ·s·(dy − Σ dy/N − x̂·Σ dy·x̂/N)`.
/// See `BatchNormKernels` for the passes.
public struct BatchNormStatistics: Sendable, Equatable {
    public var mean: Tensor
    public var variance: Tensor

    /// Fresh statistics for `channels` channels: mean 0, variance 1.
    public init(channels: Int) {
        mean = Tensor(zeros: [channels])
        variance = Tensor(shape: [channels], repeating: 1)
    }

    public init(mean: Tensor, variance: Tensor) {
        self.mean = mean
        self.variance = variance
    }
}

extension Variable {
    /// Normalizes `[B, C, ...]` per channel. `scale` (γ) and `shift` (β) are `[C]` or absent
    /// (then 1 and 0). In training mode `running` is updated in place.
    public func batchNorm(scale: Variable?, shift: Variable?, running: inout BatchNormStatistics, training: Bool,
                          momentum: Float = 0.1, epsilon: Float = 1e-5) -> Variable {
        let x = value
        var kernels = BatchNormKernels(shape: x.shape)
        if training {
            kernels.useBatchStatistics(of: x, epsilon: epsilon, momentum: momentum, running: &running)
        } else {
            kernels.useRunningStatistics(running, epsilon: epsilon)
        }
        kernels.gamma = scale?.value.scalars ?? kernels.gamma
        kernels.beta = shift?.value.scalars ?? kernels.beta
        let y = kernels.output(x)
        let operands = [self] + [scale, shift].compactMap { $0 }
        let scaleInput: Int? = scale == nil ? nil : 1, shiftInput: Int? = shift == nil ? nil : operands.count - 1
        let finalKernels = kernels
        return record(y, inputs: operands) { dy, inputs in
            let (sumDy, sumDyXhat) = finalKernels.gradientSums(dy, x: x)
            if let k = shiftInput, inputs.needsGradient(k) { inputs.accumulate(Tensor(shape: [sumDy.count], scalars: sumDy), into: k) }
            if let k = scaleInput, inputs.needsGradient(k) { inputs.accumulate(Tensor(shape: [sumDy.count], scalars: sumDyXhat), into: k) }
            if inputs.needsGradient(0) {
                inputs.accumulate(finalKernels.inputGradient(dy, x: x, sumDy: sumDy, sumDyXhat: sumDyXhat, training: training), into: 0)
            }
        }
    }
}
