/// Broadcasting elementwise combination and its adjoint, summation back to an operand's shape.
extension Tensor {
    /// `combine(a, b)` elementwise over the broadcast of the two shapes (NumPy rules).
    /// The shapes must be compatible (`Shape.broadcast` is not nil).
    @inline(__always)
    static func broadcasting(_ a: Tensor, _ b: Tensor, _ combine: (Float, Float) -> Float) -> Tensor {
        if a.shape == b.shape { return a.zipMap(b, combine) }
        guard let shape = Shape.broadcast(a.shape, b.shape) else {
            preconditionFailure("cannot broadcast \(a.shape) with \(b.shape)")
        }
        let loop = BroadcastLoop(output: shape, a: a.shape, b: b.shape)
        return a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                Tensor(shape: shape) { out in
                    guard let x = pa.baseAddress, let y = pb.baseAddress else { return }
                    loop.forEachRun { o, i, j, n, si, sj in
                        if si == 1 && sj == 0 {
                            let v = y[j]
                            for k in 0..<n { out[o + k] = combine(x[i + k], v) }
                        } else if si == 0 && sj == 1 {
                            let u = x[i]
                            for k in 0..<n { out[o + k] = combine(u, y[j + k]) }
                        } else {
                            for k in 0..<n { out[o + k] = combine(x[i + k * si], y[j + k * sj]) }
                        }
                    }
                }
            }
        }
    }

    /// The sum of this tensor over the axes along which `target` was broadcast to produce it:
    /// the gradient of a broadcast operand. `target` must broadcast to `shape`.
    public func summed(toShape target: [Int]) -> Tensor {
        if target == shape { return self }
        var result = Tensor(zeros: target)
        let loop = BroadcastLoop(output: shape, a: shape, b: target)
        scalars.withUnsafeBufferPointer { source in
            result.scalars.withUnsafeMutableBufferPointer { sink in
                guard let x = source.baseAddress, let y = sink.baseAddress else { return }
                loop.forEachRun { _, i, j, n, si, sj in
                    if sj == 0 {
                        var total: Float = 0
                        for k in 0..<n { total += x[i + k * si] }
                        y[j] += total
                    } else {
                        for k in 0..<n { y[j + k * sj] += x[i + k * si] }
                    }
                }
            }
        }
        return result
    }
}
