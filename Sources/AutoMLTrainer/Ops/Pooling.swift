/// Max and average pooling over windows (1-D and 2-D), and global pooling over all positions.
///
/// Average pooling divides by the number of window taps inside the input: padding is not
/// counted (PyTorch's `count_include_pad=False`, as DARTS uses). Max pooling ignores padding.
extension Variable {
    /// The kinds of window pooling.
    public enum PoolingKind: String, Sendable { case max, average }

    /// Pooling of `[B, C, L]` over windows of `kernel` taps.
    public func pool1d(_ kind: PoolingKind, kernel: Int, stride: Int, padding: (Int, Int) = (0, 0)) -> Variable {
        let x = shape
        precondition(x.count == 3, "pool1d of \(x)")
        guard let g = WindowGeometry(input: [1, x[2]], kernel: [1, kernel], stride: [1, stride],
                                     padding: [(0, 0), padding], dilation: [1, 1])
        else { preconditionFailure("pool1d geometry for \(x)") }
        return reshaped([x[0], x[1], 1, x[2]]).pool(kind, geometry: g).reshaped([x[0], x[1], g.outputWidth])
    }

    /// Pooling of `[B, C, H, W]` over `kernel` windows; `padding` is ((top, bottom), (left, right)).
    public func pool2d(_ kind: PoolingKind, kernel: (Int, Int), stride: (Int, Int),
                       padding: ((Int, Int), (Int, Int)) = ((0, 0), (0, 0))) -> Variable {
        let x = shape
        precondition(x.count == 4, "pool2d of \(x)")
        guard let g = WindowGeometry(input: [x[2], x[3]], kernel: [kernel.0, kernel.1], stride: [stride.0, stride.1],
                                     padding: [padding.0, padding.1], dilation: [1, 1])
        else { preconditionFailure("pool2d geometry for \(x)") }
        return pool(kind, geometry: g)
    }

    /// Pooling of `[B, C, H, W]` over a validated geometry.
    func pool(_ kind: PoolingKind, geometry g: WindowGeometry) -> Variable {
        let x = value
        let planes = x.shape[0] * x.shape[1]
        let outShape = [x.shape[0], x.shape[1], g.outputHeight, g.outputWidth]
        // For max: the input offset (within its plane) of each output's winner; for average:
        // each output's divisor.
        var source = [Int32](repeating: -1, count: planes * g.outputArea)
        var divisor = [Float](repeating: 1, count: kind == .average ? g.outputArea : 0)
        let y = x.withPointer { px in
            Tensor(shape: outShape) { out in
                for plane in 0..<planes {
                    let input = px + plane * g.inputArea
                    for oy in 0..<g.outputHeight {
                        for ox in 0..<g.outputWidth {
                            let o = oy * g.outputWidth + ox
                            var best = -Float.infinity, total: Float = 0, taps = 0, winner: Int32 = -1
                            for ky in 0..<g.kernelHeight {
                                guard let iy = g.inputRow(output: oy, tap: ky) else { continue }
                                for kx in 0..<g.kernelWidth {
                                    let ix = ox * g.strideWidth - g.padLeft + kx
                                    guard ix >= 0 && ix < g.inputWidth else { continue }
                                    let v = input[iy * g.inputWidth + ix]
                                    total += v
                                    taps += 1
                                    if v > best || winner < 0 { best = v; winner = Int32(iy * g.inputWidth + ix) }
                                }
                            }
                            if kind == .max {
                                out[plane * g.outputArea + o] = best
                                source[plane * g.outputArea + o] = winner
                            } else {
                                divisor[o] = Float(Swift.max(taps, 1))
                                out[plane * g.outputArea + o] = total / divisor[o]
                            }
                        }
                    }
                }
            }
        }
        return record(y, inputs: [self]) { gradient, inputs in
            var dx = Tensor(zeros: x.shape)
            gradient.withPointer { pg in
                dx.withMutablePointer { pdx in
                    for plane in 0..<planes {
                        let din = pdx + plane * g.inputArea, dout = pg + plane * g.outputArea
                        if kind == .max {
                            for o in 0..<g.outputArea where source[plane * g.outputArea + o] >= 0 {
                                din[Int(source[plane * g.outputArea + o])] += dout[o]
                            }
                            continue
                        }
                        for oy in 0..<g.outputHeight {
                            for ox in 0..<g.outputWidth {
                                let share = dout[oy * g.outputWidth + ox] / divisor[oy * g.outputWidth + ox]
                                for ky in 0..<g.kernelHeight {
                                    guard let iy = g.inputRow(output: oy, tap: ky) else { continue }
                                    for kx in 0..<g.kernelWidth {
                                        let ix = ox * g.strideWidth - g.padLeft + kx
                                        if ix >= 0 && ix < g.inputWidth { din[iy * g.inputWidth + ix] += share }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            inputs.accumulate(dx, into: 0)
        }
    }

    /// The mean over all positions of `[B, C, ...]`, giving `[B, C]`.
    public func globalAveragePool() -> Variable {
        let x = shape
        return reshaped([x[0], x[1], Shape.count(Array(x.dropFirst(2)))]).mean(alongAxes: [2])
    }

    /// The maximum over all positions of `[B, C, ...]`, giving `[B, C]`.
    public func globalMaxPool() -> Variable {
        let x = shape
        let positions = Shape.count(Array(x.dropFirst(2)))
        return reshaped([x[0], x[1], 1, positions]).pool1dMaxAll(positions: positions).reshaped([x[0], x[1]])
    }

    private func pool1dMaxAll(positions: Int) -> Variable {
        guard let g = WindowGeometry(input: [1, positions], kernel: [1, positions], stride: [1, 1],
                                     padding: [(0, 0), (0, 0)], dilation: [1, 1])
        else { preconditionFailure("global pooling over \(positions) positions") }
        return pool(.max, geometry: g)
    }
}
