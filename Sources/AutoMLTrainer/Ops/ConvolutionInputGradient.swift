/// The input gradient of a convolution: `dcols_g = W_gᵀ · dy_g` (one product per group over
/// the channel-major output gradient), then `fold` sums the columns back onto the input
/// positions they were unfolded from (the adjoint of im2col).
///
/// Notation as in `Convolution.swift`. (Computing `dx` instead as a transposed convolution of
/// `dy` — unfold `dy`, multiply by the flipped weight — was measured no faster here for the
/// reference CNN, so the one general route is kept.)
enum ConvolutionInputGradient {
    static func compute(channelMajor dy: Tensor, weight w: Tensor, inputShape: [Int], geometry g: WindowGeometry,
                        groups: Int) -> Tensor {
        let batch = inputShape[0], channels = inputShape[1], outChannels = w.shape[0]
        let groupRows = (channels / groups) * g.kernelArea, groupOut = outChannels / groups
        let width = batch * g.outputArea
        let dcols = Tensor(shape: [channels * g.kernelArea, width]) { out in
            dy.withPointer { pdy in
                w.withPointer { pw in
                    for group in 0..<groups {
                        GEMM.multiply(pw + group * groupOut * groupRows, transposeA: true, pdy + group * groupOut * width,
                                      into: out + group * groupRows * width, m: groupRows, n: width, k: groupOut)
                    }
                }
            }
        }
        var dx = Tensor(zeros: inputShape)
        dcols.withPointer { cols in
            dx.withMutablePointer { out in
                Im2Col.fold(cols, batch: batch, channels: channels, geometry: g, into: out)
            }
        }
        return dx
    }
}
