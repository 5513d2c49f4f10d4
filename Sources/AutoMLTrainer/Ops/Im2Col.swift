/// Unfolding of sliding windows into a matrix, so a convolution becomes one matrix product,
/// and its adjoint (folding back, summing overlaps) for the input gradient.
///
/// Notation: input `x` is `[B, C, H, W]`; the column matrix is `[C·KH·KW, B·OH·OW]`, row
/// `(c·KH + ky)·KW + kx`, column `(b·OH + oy)·OW + ox`, holding `x[b, c, iy, ix]` or 0 for padding.
enum Im2Col {
    /// Fills `columns` (C·KH·KW rows of B·OH·OW) from `input` (B·C·H·W).
    static func unfold(_ input: UnsafePointer<Float>, batch: Int, channels: Int, geometry g: WindowGeometry,
                       into columns: UnsafeMutablePointer<Float>) {
        let area = g.outputArea, width = batch * area
        for c in 0..<channels {
            for ky in 0..<g.kernelHeight {
                for kx in 0..<g.kernelWidth {
                    let row = columns + ((c * g.kernelHeight + ky) * g.kernelWidth + kx) * width
                    let (lower, upper) = g.validColumns(tap: kx)
                    let shift = kx * g.dilationWidth - g.padLeft
                    for b in 0..<batch {
                        let plane = input + (b * channels + c) * g.inputArea
                        for oy in 0..<g.outputHeight {
                            let out = row + b * area + oy * g.outputWidth
                            guard let iy = g.inputRow(output: oy, tap: ky) else {
                                out.update(repeating: 0, count: g.outputWidth)
                                continue
                            }
                            let line = plane + iy * g.inputWidth + shift
                            for ox in 0..<lower { out[ox] = 0 }
                            if g.strideWidth == 1 {
                                if upper > lower { (out + lower).update(from: line + lower, count: upper - lower) }
                            } else {
                                for ox in lower..<upper { out[ox] = line[ox * g.strideWidth] }
                            }
                            for ox in upper..<g.outputWidth { out[ox] = 0 }
                        }
                    }
                }
            }
        }
    }

    /// Adds the columns back into `input` (which the caller zeroes first): the adjoint of `unfold`.
    static func fold(_ columns: UnsafePointer<Float>, batch: Int, channels: Int, geometry g: WindowGeometry,
                     into input: UnsafeMutablePointer<Float>) {
        let area = g.outputArea, width = batch * area
        for c in 0..<channels {
            for ky in 0..<g.kernelHeight {
                for kx in 0..<g.kernelWidth {
                    let row = columns + ((c * g.kernelHeight + ky) * g.kernelWidth + kx) * width
                    let (lower, upper) = g.validColumns(tap: kx)
                    let shift = kx * g.dilationWidth - g.padLeft
                    for b in 0..<batch {
                        let plane = input + (b * channels + c) * g.inputArea
                        for oy in 0..<g.outputHeight {
                            guard let iy = g.inputRow(output: oy, tap: ky) else { continue }
                            let source = row + b * area + oy * g.outputWidth
                            let line = plane + iy * g.inputWidth + shift
                            if g.strideWidth == 1 {
                                if upper > lower { SIMDKernels.accumulate(source + lower, into: line + lower, upper - lower) }
                            } else {
                                for ox in lower..<upper { line[ox * g.strideWidth] += source[ox] }
                            }
                        }
                    }
                }
            }
        }
    }
}
