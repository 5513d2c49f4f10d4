/// Shape arithmetic: element counts, row-major strides, offsets and broadcasting.
public enum Shape {
    /// The number of elements of a tensor of this shape (1 for a scalar).
    @inlinable
    public static func count(_ shape: [Int]) -> Int {
        var product = 1
        for extent in shape { product *= extent }
        return product
    }

    /// The element count, or nil when an extent is negative or the product overflows `Int`
    /// (for shapes computed from untrusted descriptions).
    public static func checkedCount(_ shape: [Int]) -> Int? {
        var product = 1
        for extent in shape {
            guard extent >= 0 else { return nil }
            let (next, overflow) = product.multipliedReportingOverflow(by: extent)
            if overflow { return nil }
            product = next
        }
        return product
    }

    /// Row-major strides: the step in elements along each axis.
    public static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in shape.indices.reversed() {
            strides[axis] = step
            step *= shape[axis]
        }
        return strides
    }

    /// The row-major offset of a full multi-index.
    public static func offset(of indices: [Int], in shape: [Int]) -> Int {
        precondition(indices.count == shape.count, "index rank \(indices.count) for shape \(shape)")
        var offset = 0
        for (index, extent) in zip(indices, shape) {
            precondition(index >= 0 && index < extent, "index \(indices) out of shape \(shape)")
            offset = offset * extent + index
        }
        return offset
    }

    /// The shape that `a` and `b` broadcast to (NumPy rules: align trailing axes; an axis of
    /// extent 1 stretches), or nil when they are incompatible.
    public static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for axis in 0..<rank {
            let x = axis < rank - a.count ? 1 : a[axis - (rank - a.count)]
            let y = axis < rank - b.count ? 1 : b[axis - (rank - b.count)]
            if x == y || y == 1 { result[axis] = x } else if x == 1 { result[axis] = y } else { return nil }
        }
        return result
    }

    /// A broadcasting operand's strides in the output's index space: 0 along stretched axes.
    static func broadcastStrides(_ shape: [Int], to output: [Int]) -> [Int] {
        let own = strides(shape)
        let lead = output.count - shape.count
        return output.indices.map { axis in
            axis < lead || shape[axis - lead] == 1 ? 0 : own[axis - lead]
        }
    }

    /// Normalizes a possibly negative axis against `rank`, or nil when it is out of range.
    public static func axis(_ axis: Int, rank: Int) -> Int? {
        let normalized = axis < 0 ? axis + rank : axis
        return normalized >= 0 && normalized < rank ? normalized : nil
    }
}
