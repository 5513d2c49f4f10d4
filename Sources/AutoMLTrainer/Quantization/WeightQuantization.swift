import Foundation

/// Post-training uniform symmetric quantization of weights, one scale per layer.
///
/// Notation: a layer's weights `w`, bit width `b`, `L = 2^(b−1) − 1` levels on each side of
/// zero, step `s = max|w| / L`. Each weight becomes `round(w / s) · s`, an integer in [−L, L]
/// times `s`: what a `b`-bit signed integer and one float scale store. The error of each weight
/// is at most `s / 2`. `b = 32` leaves the layer as it is (32-bit floats); a layer of zeros stays
/// zero.
///
/// References: Krishnamoorthi, "Quantizing deep convolutional networks for efficient
/// inference: A whitepaper", 2018 (symmetric per-tensor quantization); Chen et al., "Joint
/// Neural Architecture Search and Quantization", 2018 (per-layer bit widths).
public enum WeightQuantization {
    /// The quantization step of weights whose largest magnitude is `maxMagnitude` at `bits`
    /// (0 when the layer is all zeros or `bits` is 32).
    public static func step(maxMagnitude: Double, bits: Int) -> Double {
        guard bits < 32, maxMagnitude > 0, maxMagnitude.isFinite else { return 0 }
        let levels = Double((1 << (bits - 1)) - 1)
        return maxMagnitude / levels
    }

    /// `tensor` with its values rounded to the `bits`-bit symmetric grid of its own range.
    public static func quantize(_ tensor: Tensor, bits: Int) -> Tensor {
        let largest = tensor.scalars.reduce(0.0) { max($0, Double(abs($1))) }
        let s = step(maxMagnitude: largest, bits: bits)
        guard s > 0 else { return tensor }
        let levels = Double((1 << (bits - 1)) - 1)
        var copy = tensor
        for i in copy.scalars.indices {
            let q = min(max((Double(copy.scalars[i]) / s).rounded(), -levels), levels)
            copy.scalars[i] = Float(q * s)
        }
        return copy
    }

    /// Quantizes every linear and convolution weight of `store` to its width in `bits`.
    /// Widths for layers beyond the array's end are 32 (this is checked earlier, when the
    /// training run builds its model: see `ModelFootprint.check`).
    public static func apply(_ bits: WeightBits, to store: inout ParameterStore) {
        for (k, name) in ModelFootprint.quantizableNames(store).enumerated() {
            let width = bits.bits(forLayer: k)
            guard width < 32, let value = store[name] else { continue }
            // Same name, same shape: cannot fail.
            try? store.setValue(quantize(value, bits: width), named: name)
        }
    }
}
