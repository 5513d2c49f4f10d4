/// The only source of randomness in the engine: a seeded xoshiro256** generator.
///
/// Same seed, same stream, on every platform and Swift version (unlike the standard library's
/// `random(in:)` helpers, whose algorithms are not a contract). Sessions own one; strategies draw
/// from the one they are handed and never from a global generator.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// let u = rng.nextUnit()          // in [0, 1)
/// let k = rng.nextInt(below: 6)   // in 0..<6
/// var child = rng.split()         // an independent stream, deterministic in the parent
/// ```
///
/// References: Blackman & Vigna, "Scrambled linear pseudorandom number generators" (2021);
/// SplitMix64 (Steele, Lea & Flood 2014) expands the seed into the state.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        var mix = SplitMix64(state: seed)
        s0 = mix.next(); s1 = mix.next(); s2 = mix.next(); s3 = mix.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform real in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform real in [low, high).
    public mutating func nextDouble(in low: Double, _ high: Double) -> Double {
        low + (high - low) * nextUnit()
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method). `bound` > 0.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A standard normal draw (Box-Muller; one of the pair is discarded to keep the state simple).
    public mutating func nextGaussian() -> Double {
        var u1 = nextUnit()
        while u1 <= 0 { u1 = nextUnit() }
        let u2 = nextUnit()
        return (-2 * Foundation_log(u1)).squareRoot() * Foundation_cos(2 * Double.pi * u2)
    }

    /// A new generator seeded from this one: an independent stream that is still a
    /// deterministic function of this generator's seed and of the draws made so far.
    public mutating func split() -> SeededGenerator {
        SeededGenerator(seed: next())
    }

    /// Shuffles `array` in place (Fisher-Yates), deterministically in this generator.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = nextInt(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// SplitMix64: expands one 64-bit seed into well-mixed words.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
