import AutoMLNumerics

/// Inverted dropout (Srivastava et al. 2014): in training, each element is zeroed with
/// probability `rate` and the survivors are scaled by 1/(1 − rate), so evaluation needs no
/// rescaling. The mask is drawn from the generator passed in, so runs are reproducible.
extension Variable {
    public func dropout(rate: Float, training: Bool, generator: inout SeededGenerator) -> Variable {
        guard training, rate > 0 else { return self }
        let keep = 1 - rate
        let scale: Float = keep > 0 ? 1 / keep : 0
        let threshold = UInt64(Double(keep) * 0x1p53)
        var mask = [Float](repeating: 0, count: value.count)
        for i in mask.indices where generator.next() >> 11 < threshold { mask[i] = scale }
        let maskTensor = Tensor(shape: shape, scalars: mask)
        return record(value.zipMap(maskTensor, *), inputs: [self]) { g, inputs in
            inputs.accumulate(g.zipMap(maskTensor, *), into: 0)
        }
    }
}
