/// Vectorized elementwise kernels over raw pointers (outputs may alias inputs elementwise).
enum SIMDKernels {
    /// out[i] = x[i]·a + b.
    @inline(__always)
    static func scaleShift(_ x: UnsafePointer<Float>, _ a: Float, _ b: Float, into out: UnsafeMutablePointer<Float>, _ count: Int) {
        let rx = UnsafeRawPointer(x), ro = UnsafeMutableRawPointer(out)
        let va = SIMD16<Float>(repeating: a), vb = SIMD16<Float>(repeating: b)
        var i = 0
        while i + 16 <= count {
            ro.storeBytes(of: rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self) * va + vb, toByteOffset: i * 4, as: SIMD16<Float>.self)
            i += 16
        }
        while i < count { out[i] = x[i] * a + b; i += 1 }
    }

    /// out[i] = x[i]·a + y[i]·b + c.
    @inline(__always)
    static func combine(_ x: UnsafePointer<Float>, _ a: Float, _ y: UnsafePointer<Float>, _ b: Float, _ c: Float,
                        into out: UnsafeMutablePointer<Float>, _ count: Int) {
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y), ro = UnsafeMutableRawPointer(out)
        let va = SIMD16<Float>(repeating: a), vb = SIMD16<Float>(repeating: b), vc = SIMD16<Float>(repeating: c)
        var i = 0
        while i + 16 <= count {
            let vx = rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            let vy = ry.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            ro.storeBytes(of: vx * va + vy * vb + vc, toByteOffset: i * 4, as: SIMD16<Float>.self)
            i += 16
        }
        while i < count { out[i] = x[i] * a + y[i] * b + c; i += 1 }
    }

    /// out[i] += x[i].
    @inline(__always)
    static func accumulate(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, _ count: Int) {
        let rx = UnsafeRawPointer(x), ro = UnsafeMutableRawPointer(out)
        var i = 0
        while i + 16 <= count {
            let sum = ro.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self) + rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            ro.storeBytes(of: sum, toByteOffset: i * 4, as: SIMD16<Float>.self)
            i += 16
        }
        while i < count { out[i] += x[i]; i += 1 }
    }
}
