/// In-place and elementwise arithmetic on tensors of the same shape: the building blocks of
/// gradient accumulation and optimizer updates.
extension Tensor {
    /// `self += other` elementwise (same element count).
    public mutating func add(_ other: Tensor) {
        add(other, scaledBy: 1)
    }

    /// `self += alpha * other` elementwise (same element count).
    public mutating func add(_ other: Tensor, scaledBy alpha: Float) {
        precondition(other.count == count, "adding \(other.shape) to \(shape)")
        let n = count
        scalars.withUnsafeMutableBufferPointer { y in
            other.scalars.withUnsafeBufferPointer { x in
                guard let y = y.baseAddress, let x = x.baseAddress else { return }
                if alpha == 1 {
                    for i in 0..<n { y[i] += x[i] }
                } else {
                    for i in 0..<n { y[i] += alpha * x[i] }
                }
            }
        }
    }

    /// `self *= factor` elementwise.
    public mutating func scale(by factor: Float) {
        let n = count
        scalars.withUnsafeMutableBufferPointer { y in
            guard let y = y.baseAddress else { return }
            for i in 0..<n { y[i] *= factor }
        }
    }

    /// A tensor of the same shape with `transform` applied to each element.
    @inlinable
    public func map(_ transform: (Float) -> Float) -> Tensor {
        let n = count
        return scalars.withUnsafeBufferPointer { x in
            Tensor(shape: shape) { y in
                for i in 0..<n { y[i] = transform(x[i]) }
            }
        }
    }

    /// Combines two tensors of the same element count elementwise; the result has `self`'s shape.
    @inlinable
    public func zipMap(_ other: Tensor, _ combine: (Float, Float) -> Float) -> Tensor {
        precondition(other.count == count, "combining \(other.shape) with \(shape)")
        let n = count
        return scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                Tensor(shape: shape) { y in
                    for i in 0..<n { y[i] = combine(a[i], b[i]) }
                }
            }
        }
    }

    /// The sum of all elements, accumulated in Double.
    public func sum() -> Double {
        scalars.withUnsafeBufferPointer { x in
            var total = 0.0
            for value in x { total += Double(value) }
            return total
        }
    }
}

extension Tensor {
    /// The sums of the columns of a `[rows, columns]` matrix, as `[columns]` (a bias gradient).
    func columnSums() -> Tensor {
        let columns = shape.last ?? 1, rows = count / Swift.max(columns, 1)
        var result = Tensor(zeros: [columns])
        withPointer { x in
            result.withMutablePointer { sums in
                for r in 0..<rows { SIMDKernels.accumulate(x + r * columns, into: sums, columns) }
            }
        }
        return result
    }
}
