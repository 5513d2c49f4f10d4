/// `e^x` four lanes at a time, for the log-sum-exp over thousands of kernels.
///
/// Cody-Waite reduction `x = k ln 2 + r` with `|r| <= ln 2 / 2` (k found by the
/// `1.5 · 2^52` rounding trick), then the degree-12 Taylor polynomial of `e^r` (truncation error
/// below `2e-16` relative) and a scale by `2^k` built in the exponent bits. Pure arithmetic, so
/// the result is the same on every platform (libm's `exp` is not a cross-platform contract), and
/// it compiles to SIMD instructions where glibc's `exp` is a scalar call.
///
/// Domain: `x` in `[-700, 700]` (inputs are clamped to it); accurate to a few ulps there.
///
/// References: W. J. Cody & W. Waite, "Software Manual for the Elementary Functions" (1980).
enum VectorExp {
    static let log2e = 1.442_695_040_888_963_407_4
    /// `ln 2` split so that `k · ln2High` is exact for the `k` that occur.
    static let ln2High = 6.931_471_803_691_238_164_9e-01
    static let ln2Low = 1.908_214_929_270_587_700_0e-10
    static let shifter = 6_755_399_441_055_744.0  // 1.5 · 2^52

    @inline(__always)
    static func exp(_ x: SIMD4<Double>) -> SIMD4<Double> {
        var x = x
        x.replace(with: SIMD4(repeating: -700), where: x .< -700)
        x.replace(with: SIMD4(repeating: 700), where: x .> 700)
        let shifter4 = SIMD4<Double>(repeating: shifter)
        let n = x * log2e + shifter4
        let k = n - shifter4
        let r = (x - k * ln2High) - k * ln2Low
        var p = SIMD4<Double>(repeating: 1.0 / 479_001_600)
        p = p * r + 1.0 / 39_916_800
        p = p * r + 1.0 / 3_628_800
        p = p * r + 1.0 / 362_880
        p = p * r + 1.0 / 40_320
        p = p * r + 1.0 / 5_040
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let integer = unsafeBitCast(n, to: SIMD4<Int64>.self) &- unsafeBitCast(shifter4, to: SIMD4<Int64>.self)
        let scale = unsafeBitCast((integer &+ 1023) &<< 52, to: SIMD4<Double>.self)
        return p * scale
    }
}
