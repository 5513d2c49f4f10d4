/// Raw access to a tensor's elements for kernels. Unlike `withUnsafeBufferPointer`, the
/// pointer is never nil: an empty tensor lends a pointer to a dummy element, which a kernel
/// sized by the (zero) element count never reads.
extension Tensor {
    @inline(__always)
    public func withPointer<R>(_ body: (UnsafePointer<Float>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { return try body(base) }
            var dummy: Float = 0
            return try withUnsafePointer(to: &dummy) { try body($0) }
        }
    }

    @inline(__always)
    public mutating func withMutablePointer<R>(_ body: (UnsafeMutablePointer<Float>) throws -> R) rethrows -> R {
        try scalars.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { return try body(base) }
            var dummy: Float = 0
            return try withUnsafeMutablePointer(to: &dummy) { try body($0) }
        }
    }
}
