/// 1-D and 2-D convolution (cross-correlation, as in every deep-learning library) by im2col
/// and one matrix product per group.
///
/// Notation: input `x` `[B, C, H, W]` (1-D: `[B, C, L]`, treated as H = 1), weight
/// `[O, C/G, KH, KW]` (1-D: `[O, C/G, K]`), bias `[O]`, output `[B, O, OH, OW]`; G groups,
/// P = OH·OW output positions. Forward: `cols = unfold(x)` `[C·KH·KW, B·P]`;
/// `Y_g = W_g · cols_g` `[O/G, B·P]`; output = Y permuted to `[B, O, P]` plus bias.
/// Backward: `dY` permuted to `[O, B·P]`; `dW_g = dY_g · cols_gᵀ`; `dbias = Σ_{B,P} dY`; `dx` by
/// `ConvolutionInputGradient`, `fold(W_gᵀ · dY_g)`.
extension Variable {
    /// A 1-D convolution of `[B, C, L]` by `weight` `[O, C/groups, K]`; `padding` is
    /// (before, after).
    public func conv1d(weight: Variable, bias: Variable?, stride: Int = 1, padding: (Int, Int) = (0, 0),
                       dilation: Int = 1, groups: Int = 1) -> Variable {
        let (x, w) = (shape, weight.shape)
        precondition(x.count == 3 && w.count == 3, "conv1d of \(x) by \(w)")
        guard let geometry = WindowGeometry(
            input: [1, x[2]], kernel: [1, w[2]], stride: [1, stride], padding: [(0, 0), padding], dilation: [1, dilation])
        else { preconditionFailure("conv1d geometry for input \(x), weight \(w)") }
        let flat = reshaped([x[0], x[1], 1, x[2]])
        let out = flat.convolve(weight: weight.reshaped([w[0], w[1], 1, w[2]]), bias: bias, geometry: geometry, groups: groups)
        return out.reshaped([x[0], w[0], geometry.outputWidth])
    }

    /// A 2-D convolution of `[B, C, H, W]` by `weight` `[O, C/groups, KH, KW]`; `padding` is
    /// ((top, bottom), (left, right)); `stride` and `dilation` are (height, width).
    public func conv2d(weight: Variable, bias: Variable?, stride: (Int, Int) = (1, 1),
                       padding: ((Int, Int), (Int, Int)) = ((0, 0), (0, 0)),
                       dilation: (Int, Int) = (1, 1), groups: Int = 1) -> Variable {
        let (x, w) = (shape, weight.shape)
        precondition(x.count == 4 && w.count == 4, "conv2d of \(x) by \(w)")
        guard let geometry = WindowGeometry(
            input: [x[2], x[3]], kernel: [w[2], w[3]], stride: [stride.0, stride.1],
            padding: [padding.0, padding.1], dilation: [dilation.0, dilation.1])
        else { preconditionFailure("conv2d geometry for input \(x), weight \(w)") }
        return convolve(weight: weight, bias: bias, geometry: geometry, groups: groups)
    }

    /// The convolution of `[B, C, H, W]` by `[O, C/G, KH, KW]` over a validated geometry.
    func convolve(weight: Variable, bias: Variable?, geometry g: WindowGeometry, groups: Int) -> Variable {
        let x = value, w = weight.value
        let batch = x.shape[0], channels = x.shape[1], outChannels = w.shape[0]
        precondition(groups >= 1 && channels % groups == 0 && outChannels % groups == 0 && w.shape[1] == channels / groups,
                     "convolution of \(x.shape) by \(w.shape) in \(groups) groups")
        let positions = g.outputArea, width = batch * positions
        let groupRows = (channels / groups) * g.kernelArea, groupOut = outChannels / groups
        let columns = x.withPointer { px in
            Tensor(shape: [channels * g.kernelArea, width]) { cols in
                Im2Col.unfold(px, batch: batch, channels: channels, geometry: g, into: cols)
            }
        }
        let product = Tensor(shape: [outChannels, width]) { y in
            columns.withPointer { cols in
                w.withPointer { pw in
                    for group in 0..<groups {
                        GEMM.multiply(pw + group * groupOut * groupRows, cols + group * groupRows * width,
                                      into: y + group * groupOut * width, m: groupOut, n: width, k: groupRows)
                    }
                }
            }
        }
        let output = ChannelLayout.toBatchMajor(product, batch: batch, channels: outChannels, positions: positions,
                                                shape: [batch, outChannels, g.outputHeight, g.outputWidth], bias: bias?.value)
        let operands = bias.map { [self, weight, $0] } ?? [self, weight]
        let hasBias = bias != nil
        return record(output, inputs: operands) { gradient, inputs in
            let dy = ChannelLayout.toChannelMajor(gradient, batch: batch, channels: outChannels, positions: positions)
            if hasBias, inputs.needsGradient(2) {
                inputs.accumulate(ChannelLayout.channelSums(dy, channels: outChannels), into: 2)
            }
            if inputs.needsGradient(1) {
                let dw = Tensor(shape: w.shape) { out in
                    dy.withPointer { pdy in
                        columns.withPointer { cols in
                            for group in 0..<groups {
                                GEMM.multiply(pdy + group * groupOut * width, cols + group * groupRows * width, transposeB: true,
                                              into: out + group * groupOut * groupRows, m: groupOut, n: groupRows, k: width)
                            }
                        }
                    }
                }
                inputs.accumulate(dw, into: 1)
            }
            if inputs.needsGradient(0) {
                let dx = ConvolutionInputGradient.compute(channelMajor: dy, weight: w, inputShape: x.shape,
                                                          geometry: g, groups: groups)
                inputs.accumulate(dx, into: 0)
            }
        }
    }
}
