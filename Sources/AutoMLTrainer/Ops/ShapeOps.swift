/// Operations that move elements without computing: reshape, flatten, concatenation, and the
/// identity and zero operations that architecture search uses as candidate edges.
extension Variable {
    /// The same elements under `shape` (same element count).
    public func reshaped(_ shape: [Int]) -> Variable {
        let original = self.shape
        return record(value.reshaped(shape), inputs: [self]) { g, inputs in
            inputs.accumulate(g.reshaped(original), into: 0)
        }
    }

    /// `[batch, d1, d2, ...]` to `[batch, d1 * d2 * ...]`.
    public func flattened() -> Variable {
        let shape = self.shape
        let batch = shape.first ?? 1
        return reshaped([batch, Shape.count(shape) / Swift.max(batch, 1)])
    }

    /// The input itself, as its own node (a candidate operation that does nothing).
    public func identity() -> Variable {
        record(value, inputs: [self]) { g, inputs in inputs.accumulate(g, into: 0) }
    }

    /// Zeros of the input's shape: the "no connection" candidate of architecture search.
    /// No gradient flows back through it.
    public func zero() -> Variable {
        tape.constant(Tensor(zeros: shape))
    }

    /// Concatenation along `axis` of variables whose shapes agree on every other axis.
    public static func concatenate(_ parts: [Variable], alongAxis axis: Int) -> Variable {
        precondition(!parts.isEmpty, "concatenating nothing")
        let first = parts[0].shape
        guard let axis = Shape.axis(axis, rank: first.count) else { preconditionFailure("axis \(axis) for \(first)") }
        let outer = Shape.count(Array(first[..<axis]))
        let inner = Shape.count(Array(first[(axis + 1)...]))
        let widths = parts.map { $0.shape[axis] * inner }
        let total = widths.reduce(0, +)
        var shape = first
        shape[axis] = total / Swift.max(inner, 1)
        let values = parts.map(\.value)
        let shapes = values.map(\.shape)
        var result = [Float](repeating: 0, count: outer * total)
        result.withUnsafeMutableBufferPointer { out in
            var column = 0
            for (part, width) in zip(values, widths) {
                part.scalars.withUnsafeBufferPointer { source in
                    for row in 0..<outer {
                        for k in 0..<width { out[row * total + column + k] = source[row * width + k] }
                    }
                }
                column += width
            }
        }
        return parts[0].record(Tensor(shape: shape, scalars: result), inputs: parts) { g, inputs in
            var column = 0
            for (k, (shape, width)) in zip(shapes, widths).enumerated() {
                if inputs.needsGradient(k) {
                    var slice = [Float](repeating: 0, count: outer * width)
                    g.scalars.withUnsafeBufferPointer { source in
                        for row in 0..<outer {
                            for k in 0..<width { slice[row * width + k] = source[row * total + column + k] }
                        }
                    }
                    inputs.accumulate(Tensor(shape: shape, scalars: slice), into: k)
                }
                column += width
            }
        }
    }
}

extension Variable {
    /// The elements of a 1-D variable at `indices`, as a 1-D variable (gradients scatter back).
    public func gathered(_ indices: [Int]) -> Variable {
        let x = value
        precondition(x.rank == 1 && indices.allSatisfy { $0 >= 0 && $0 < x.count }, "gathering \(indices) from \(x.shape)")
        let y = Tensor(shape: [indices.count], scalars: indices.map { x.scalars[$0] })
        return record(y, inputs: [self]) { g, inputs in
            var dx = Tensor(zeros: x.shape)
            for (k, i) in indices.enumerated() { dx.scalars[i] += g.scalars[k] }
            inputs.accumulate(dx, into: 0)
        }
    }
}
