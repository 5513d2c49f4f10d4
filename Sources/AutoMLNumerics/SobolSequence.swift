/// The Sobol low-discrepancy sequence in `[0, 1)^d`, optionally scrambled.
///
/// Points come in Gray-code order (Antonov & Saleev), so each one costs one XOR per
/// coordinate. Unscrambled, point 0 is the origin and points 1, 2, 3 are
/// `(0.5, 0.5, ...)`, `(0.75, 0.25, ...)`, `(0.25, 0.75, ...)`, as in SciPy's
/// `qmc.Sobol(scramble=False)`. Every block of `2^k` consecutive points starting at a multiple of
/// `2^k` puts exactly one point in each of the `2^k` intervals `[j/2^k, (j+1)/2^k)` of every
/// coordinate; scrambling keeps that property.
///
/// Scrambling is Matoušek's linear matrix scramble followed by a random digital shift: each
/// coordinate's generator matrix is multiplied by a random lower-triangular binary matrix with a
/// unit diagonal, and each point is XORed with a random shift. The result is a randomized
/// quasi-Monte Carlo sequence whose points are uniform on `[0, 1)^d` one at a time.
///
/// ```swift
/// var rng = SeededGenerator(seed: 7)
/// var sobol = try SobolSequence(dimension: 3, scramble: true, generator: &rng)
/// let first = sobol.next()   // three coordinates in [0, 1)
/// ```
///
/// Precision: points carry `SobolSequence.bits` (52) binary digits, exact as `Double`s, so the
/// sequence has `2^52` distinct points; after that it starts over (unreachable in practice).
///
/// References: I. M. Sobol', USSR Comput. Math. Math. Phys. 7 (1967); I. A. Antonov &
/// V. M. Saleev (1979) for the Gray-code order; S. Joe & F. Y. Kuo (2008) for the direction
/// numbers; J. Matoušek, "On the L2-discrepancy for anchored boxes", J. Complexity 14 (1998),
/// for the linear scramble.
public struct SobolSequence: Sendable, Hashable {
    /// Binary digits per coordinate.
    public static let bits = 52

    /// The largest dimension the built-in direction numbers support.
    public static let maxDimension = SobolDirectionNumbers.rows.count + 1

    /// Number of coordinates of each point.
    public let dimension: Int

    /// Whether the sequence is scrambled.
    public let isScrambled: Bool

    /// Index of the point the next call to `next()` returns.
    public private(set) var index: UInt64 = 0

    /// Direction integers, `bits` per coordinate: `directions[d * bits + k]`, already scrambled.
    private let directions: [UInt64]
    /// The digital shift of each coordinate (zero when unscrambled): point 0.
    private let shift: [UInt64]
    /// The current point as integers (`coordinate = integer / 2^bits`).
    private var current: [UInt64]

    /// An unscrambled sequence.
    ///
    /// - Throws: `SobolError` when `dimension` is below 1 or above `maxDimension`.
    public init(dimension: Int) throws(SobolError) {
        var unused = SeededGenerator(seed: 0)
        try self.init(dimension: dimension, scramble: false, generator: &unused)
    }

    /// A sequence, scrambled from `generator` when `scramble` is true.
    ///
    /// Draws: a scrambled sequence consumes exactly `dimension * (bits + 1)` calls of
    /// `generator.next()`, coordinate by coordinate (`bits` rows of the scrambling matrix, then
    /// the shift); an unscrambled one consumes none.
    ///
    /// - Throws: `SobolError` when `dimension` is below 1 or above `maxDimension`.
    public init(dimension: Int, scramble: Bool, generator: inout SeededGenerator) throws(SobolError) {
        guard dimension >= 1 else { throw .dimensionTooSmall(dimension) }
        guard dimension <= Self.maxDimension else {
            throw .dimensionTooLarge(dimension, maximum: Self.maxDimension)
        }
        self.dimension = dimension
        self.isScrambled = scramble
        var directions: [UInt64] = []
        directions.reserveCapacity(dimension * Self.bits)
        var shift: [UInt64] = []
        shift.reserveCapacity(dimension)
        for coordinate in 0..<dimension {
            var column = Self.unscrambledDirections(coordinate: coordinate)
            if scramble {
                column = Self.linearScramble(column, generator: &generator)
                shift.append(generator.next() & Self.mask)
            } else {
                shift.append(0)
            }
            directions.append(contentsOf: column)
        }
        self.directions = directions
        self.shift = shift
        self.current = shift
    }

    /// The next point: `dimension` coordinates in `[0, 1)`.
    public mutating func next() -> [Double] {
        let point = current.map { Double($0) * 0x1p-52 }
        advance()
        return point
    }

    /// Moves to point `index` directly, as if `next()` had been called that many times from
    /// the start (used to resume a sequence after a replay). Indices wrap modulo `2^bits`.
    public mutating func seek(to index: UInt64) {
        let wrapped = index & Self.mask
        let gray = wrapped ^ (wrapped >> 1)
        for coordinate in 0..<dimension {
            var value = shift[coordinate]
            var bitsLeft = gray
            while bitsLeft != 0 {
                let k = bitsLeft.trailingZeroBitCount
                value ^= directions[coordinate * Self.bits + k]
                bitsLeft &= bitsLeft - 1
            }
            current[coordinate] = value
        }
        self.index = wrapped
    }

    // MARK: - Construction

    private static let mask: UInt64 = (1 << UInt64(bits)) - 1

    /// Gray-code step: point `n + 1` is point `n` XOR the direction of the lowest zero bit of `n`.
    private mutating func advance() {
        let k = (~index).trailingZeroBitCount
        guard k < Self.bits else {
            current = shift
            index = 0
            return
        }
        for coordinate in 0..<dimension {
            current[coordinate] ^= directions[coordinate * Self.bits + k]
        }
        index += 1
    }

    /// The `bits` direction integers `v_k = m_k * 2^(bits - k)` of one coordinate (0-based).
    static func unscrambledDirections(coordinate: Int) -> [UInt64] {
        var m = [UInt64](repeating: 1, count: bits)  // coordinate 0: van der Corput, m_k = 1
        if coordinate > 0 {
            let row = SobolDirectionNumbers.rows[coordinate - 1]
            let degree = Int(row[0])
            let a = UInt64(row[1])
            for k in 0..<degree { m[k] = UInt64(row[2 + k]) }
            if degree < bits {
                for k in degree..<bits {
                    // m_k = 2^s m_(k-s) xor m_(k-s) xor sum_j 2^j a_j m_(k-j)   (1-based in the papers)
                    var value = m[k - degree] ^ (m[k - degree] << UInt64(degree))
                    for j in 1..<degree where (a >> UInt64(degree - 1 - j)) & 1 == 1 {
                        value ^= m[k - j] << UInt64(j)
                    }
                    m[k] = value
                }
            }
        }
        return (0..<bits).map { k in m[k] << UInt64(bits - 1 - k) }
    }

    /// Multiplies each direction integer (a column of the generator matrix, most significant
    /// digit first) by a random lower-triangular binary matrix with a unit diagonal.
    /// Consumes exactly `bits` draws.
    private static func linearScramble(_ column: [UInt64], generator: inout SeededGenerator) -> [UInt64] {
        // rows[j]: the digits of the input that output digit j (0 = most significant) combines.
        var rows: [UInt64] = []
        rows.reserveCapacity(bits)
        for j in 0..<bits {
            let diagonal: UInt64 = 1 << UInt64(bits - 1 - j)
            let above: UInt64 = j == 0 ? 0 : ((1 << UInt64(j)) - 1) << UInt64(bits - j)
            rows.append((generator.next() & above) | diagonal)
        }
        return column.map { v in
            var scrambled: UInt64 = 0
            for j in 0..<bits where (rows[j] & v).nonzeroBitCount & 1 == 1 {
                scrambled |= 1 << UInt64(bits - 1 - j)
            }
            return scrambled
        }
    }
}

/// Why a `SobolSequence` cannot be built.
public enum SobolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The dimension is zero or negative.
    case dimensionTooSmall(Int)
    /// The dimension exceeds the built-in table of direction numbers.
    case dimensionTooLarge(Int, maximum: Int)

    public var description: String {
        switch self {
        case .dimensionTooSmall(let d):
            return "a Sobol sequence needs at least one dimension (got \(d))"
        case .dimensionTooLarge(let d, let maximum):
            return "a Sobol sequence supports at most \(maximum) dimensions (got \(d)); "
                + "use random sampling for larger spaces"
        }
    }
}
