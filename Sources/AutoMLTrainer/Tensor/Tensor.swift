/// A dense Float32 array with a shape, stored row-major (the last axis varies fastest).
///
/// A value type: copies share storage until one is written (copy-on-write, through `[Float]`).
/// Shapes are checked where tensors are made from outside data (data sets, checkpoints, model
/// descriptions); inside the trainer, kernels rely on the shapes that model building validated.
///
/// ```swift
/// let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
/// x[1, 2]          // 6
/// x.reshaped([3, 2]).shape   // [3, 2]
/// ```
public struct Tensor: Sendable, Equatable, CustomStringConvertible {
    /// The extent of each axis; `[]` is a scalar.
    public private(set) var shape: [Int]
    /// The elements, row-major; `scalars.count == shape.product`.
    public var scalars: [Float]

    /// A tensor of `shape` holding `scalars` (row-major). The count must match the shape.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 } && Shape.count(shape) == scalars.count,
                     "\(scalars.count) scalars do not fill shape \(shape)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` with every element `value`.
    public init(shape: [Int], repeating value: Float) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: Shape.count(shape)))
    }

    /// A tensor of zeros.
    public init(zeros shape: [Int]) { self.init(shape: shape, repeating: 0) }

    /// A rank-0 tensor.
    public init(scalar: Float) { self.init(shape: [], scalars: [scalar]) }

    /// A tensor whose elements are written by `fill`, which must set all `count` of them.
    /// Skips the zero-filling that `init(zeros:)` pays for.
    @inlinable
    public init(shape: [Int], filling fill: (UnsafeMutablePointer<Float>) -> Void) {
        let count = Shape.count(shape)
        let scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress { fill(base) }
            initialized = count
        }
        self.init(shape: shape, scalars: scalars)
    }

    public var count: Int { scalars.count }
    public var rank: Int { shape.count }

    /// The single element of a one-element tensor (a loss, say).
    public var scalar: Float? { scalars.count == 1 ? scalars[0] : nil }

    /// The same elements under another shape with the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    /// The element at a full multi-index (for tests and small inspections, not for kernels).
    public subscript(indices: Int...) -> Float {
        get { scalars[Shape.offset(of: indices, in: shape)] }
        set { scalars[Shape.offset(of: indices, in: shape)] = newValue }
    }

    public var description: String { "Tensor(shape: \(shape), scalars: \(scalars.prefix(8))\(count > 8 ? "..." : ""))" }
}
