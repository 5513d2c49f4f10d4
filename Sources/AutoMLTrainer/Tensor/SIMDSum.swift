/// Vectorized sums for kernels. Swift does not reorder floating-point additions on its own,
/// so a plain accumulation loop runs one element at a time; these keep 16 partial sums.
enum SIMDSum {
    /// Σ x[i] for i in 0..<count.
    @inline(__always)
    static func sum(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
        var accumulator = SIMD16<Float>()
        let raw = UnsafeRawPointer(x)
        var i = 0
        while i + 16 <= count {
            accumulator += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            i += 16
        }
        var total = accumulator.sum()
        while i < count { total += x[i]; i += 1 }
        return total
    }

    /// (Σ (x[i] − shift), Σ (x[i] − shift)²) for i in 0..<count, in one pass. With `shift`
    /// near the mean, the variance from these sums does not suffer cancellation.
    @inline(__always)
    static func shiftedMoments(_ x: UnsafePointer<Float>, _ count: Int, shift: Float) -> (sum: Float, squares: Float) {
        var first = SIMD16<Float>(), second = SIMD16<Float>()
        let raw = UnsafeRawPointer(x), center = SIMD16<Float>(repeating: shift)
        var i = 0
        while i + 16 <= count {
            let d = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self) - center
            first += d
            second += d * d
            i += 16
        }
        var sum = first.sum(), squares = second.sum()
        while i < count { let d = x[i] - shift; sum += d; squares += d * d; i += 1 }
        return (sum, squares)
    }

    /// (Σ x[i], Σ x[i]·y[i]) for i in 0..<count, in one pass.
    @inline(__always)
    static func sumAndDot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ count: Int) -> (sum: Float, dot: Float) {
        var first = SIMD16<Float>(), second = SIMD16<Float>()
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
        var i = 0
        while i + 16 <= count {
            let vx = rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            first += vx
            second += vx * ry.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            i += 16
        }
        var sum = first.sum(), dot = second.sum()
        while i < count { sum += x[i]; dot += x[i] * y[i]; i += 1 }
        return (sum, dot)
    }
}
