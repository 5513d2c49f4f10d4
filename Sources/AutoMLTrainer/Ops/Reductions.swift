/// Sums and means over all elements or over chosen axes.
extension Variable {
    /// The sum of all elements, a scalar (shape `[]`).
    public func sum() -> Variable {
        let x = value
        let total = Float(x.sum())
        return record(Tensor(scalar: total), inputs: [self]) { g, inputs in
            inputs.accumulate(Tensor(shape: x.shape, repeating: g.scalars[0]), into: 0)
        }
    }

    /// The mean of all elements, a scalar.
    public func mean() -> Variable {
        sum() * (1 / Float(Swift.max(value.count, 1)))
    }

    /// The sum over `axes` (negative axes count from the end); those axes are kept with extent
    /// 1 when `keepingDimensions`, else removed. Axes must be in range.
    public func sum(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Variable {
        let x = value
        let normalized = Set(axes.map { Shape.axis($0, rank: x.rank) ?? -1 })
        precondition(!normalized.contains(-1), "axes \(axes) out of range for \(x.shape)")
        let kept = x.shape.indices.map { normalized.contains($0) ? 1 : x.shape[$0] }
        let reduced = x.summed(toShape: kept)
        let shape = keepingDimensions ? kept : x.shape.indices.filter { !normalized.contains($0) }.map { x.shape[$0] }
        return record(reduced.reshaped(shape), inputs: [self]) { g, inputs in
            inputs.accumulate(Tensor.broadcasting(Tensor(zeros: x.shape), g.reshaped(kept), +), into: 0)
        }
    }

    /// The mean over `axes`, like `sum(alongAxes:keepingDimensions:)`.
    public func mean(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Variable {
        let x = value
        let count = Set(axes.compactMap { Shape.axis($0, rank: x.rank) }).reduce(1) { $0 * x.shape[$1] }
        return sum(alongAxes: axes, keepingDimensions: keepingDimensions) * (1 / Float(Swift.max(count, 1)))
    }
}
