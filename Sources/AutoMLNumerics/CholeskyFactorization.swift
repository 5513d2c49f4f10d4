#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import COpenBLAS

/// The Cholesky factor of a symmetric positive definite matrix, `A = L Lᵀ`, with jitter.
///
/// Kernel matrices are positive definite in exact arithmetic but can fail to factor in floating
/// point when points nearly coincide. The factorization first tries `A` as given, then adds a
/// growing multiple of the mean diagonal (`JitterPolicy`) until LAPACK's `dpotrf` succeeds, and
/// records what it added in `jitter`.
///
/// ```swift
/// let a = DenseMatrix(rows: 2, columns: 2, storage: [4, 2, 2, 3])
/// let chol = try CholeskyFactorization(a)
/// let x = chol.solve([2, 1])              // A x = b
/// let logDet = chol.logDeterminant        // log det A
/// ```
///
/// Storage: `lower` is `dimension × dimension`, row-major, with `L` in the lower triangle and
/// zeros above. A row-major lower triangle is a column-major upper one, so LAPACK is called in
/// column-major mode with `uplo = 'U'` and no copy is made.
public struct CholeskyFactorization: Sendable {
    public let dimension: Int
    /// `L`, row-major, zero above the diagonal.
    public private(set) var lower: [Double]
    /// What was added to the diagonal of `A` so that it factored (0 when nothing was needed).
    public let jitter: Double

    /// How much jitter to try: `0`, then `initial · meanDiagonal · growth^k` for
    /// `k = 0 ..< attempts`.
    public struct JitterPolicy: Sendable, Hashable {
        public var initial: Double
        public var growth: Double
        public var attempts: Int

        public init(initial: Double, growth: Double, attempts: Int) {
            self.initial = initial
            self.growth = growth
            self.attempts = attempts
        }

        /// From `1e-10` to `1e-4` times the mean diagonal.
        public static let standard = JitterPolicy(initial: 1e-10, growth: 10, attempts: 7)
        /// No jitter: fail at once when `A` does not factor.
        public static let none = JitterPolicy(initial: 0, growth: 1, attempts: 0)
    }

    /// Factors `matrix` (only its lower triangle is read).
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when no jitter in `policy` helps, or
    ///   when the matrix is not square or holds a non-finite value.
    public init(_ matrix: DenseMatrix, jitter policy: JitterPolicy = .standard) throws(LinearAlgebraError) {
        guard matrix.rows == matrix.columns else {
            throw .notPositiveDefinite(dimension: max(matrix.rows, matrix.columns), largestJitter: 0)
        }
        try self.init(symmetric: matrix.storage, dimension: matrix.rows, jitter: policy)
    }

    /// Factors the symmetric matrix whose lower triangle is in row-major `symmetric`
    /// (`dimension²` values).
    public init(symmetric: [Double], dimension: Int, jitter policy: JitterPolicy = .standard) throws(LinearAlgebraError) {
        precondition(symmetric.count == dimension * dimension, "storage does not match the dimension")
        self.dimension = dimension
        var meanDiagonal = 0.0
        for i in 0..<dimension { meanDiagonal += symmetric[i * dimension + i] }
        meanDiagonal = dimension > 0 ? meanDiagonal / Double(dimension) : 0
        guard meanDiagonal.isFinite else { throw .notPositiveDefinite(dimension: dimension, largestJitter: 0) }
        var added = 0.0
        var attempt = 0
        while true {
            var work = symmetric
            if added > 0 {
                for i in 0..<dimension { work[i * dimension + i] += added }
            }
            if Self.factorInPlace(&work, dimension: dimension) {
                self.lower = work
                self.jitter = added
                return
            }
            guard attempt < policy.attempts else { throw .notPositiveDefinite(dimension: dimension, largestJitter: added) }
            added = policy.initial * max(abs(meanDiagonal), .leastNormalMagnitude) * pow(policy.growth, Double(attempt))
            attempt += 1
        }
    }

    /// Overwrites the lower triangle of row-major `a` with `L` and zeroes the upper one;
    /// false when `a` is not (numerically) positive definite or holds non-finite values.
    static func factorInPlace(_ a: inout [Double], dimension n: Int) -> Bool {
        guard n > 0 else { return true }
        let info = a.withUnsafeMutableBufferPointer { buffer in
            LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), buffer.baseAddress, Int32(n))
        }
        guard info == 0 else { return false }
        var finite = true
        a.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<n {
                for j in (i + 1)..<max(i + 1, n) { buffer[i * n + j] = 0 }
                if !buffer[i * n + i].isFinite { finite = false }
            }
        }
        return finite
    }

    // MARK: - Solves

    /// `x` with `L x = b`, through `cblas_dtrsv`.
    public func solveLower(_ b: [Double]) -> [Double] {
        var x = b
        solveLower(inPlace: &x)
        return x
    }

    /// Overwrites `b` with `L⁻¹ b`.
    public func solveLower(inPlace b: inout [Double]) {
        solveTriangular(&b, transposed: false)
    }

    /// `x` with `Lᵀ x = b`.
    public func solveUpper(_ b: [Double]) -> [Double] {
        var x = b
        solveUpper(inPlace: &x)
        return x
    }

    /// Overwrites `b` with `L⁻ᵀ b`.
    public func solveUpper(inPlace b: inout [Double]) {
        solveTriangular(&b, transposed: true)
    }

    /// Overwrites `b` with `L⁻¹ b`, or `L⁻ᵀ b` when `transposed`, through `cblas_dtrsv`.
    private func solveTriangular(_ b: inout [Double], transposed: Bool) {
        precondition(b.count == dimension, "the right-hand side has \(b.count) entries, not \(dimension)")
        guard dimension > 0 else { return }
        lower.withUnsafeBufferPointer { l in
            b.withUnsafeMutableBufferPointer { x in
                cblas_dtrsv(CblasRowMajor, CblasLower, transposed ? CblasTrans : CblasNoTrans, CblasNonUnit, Int32(dimension),
                            l.baseAddress, Int32(dimension), x.baseAddress, 1)
            }
        }
    }

    /// `x` with `A x = b` (`A` including the jitter).
    public func solve(_ b: [Double]) -> [Double] {
        var x = b
        solveLower(inPlace: &x)
        solveUpper(inPlace: &x)
        return x
    }

    /// Replaces every row `bᵢ` of the row-major `count × dimension` block `rows` by `L⁻¹ bᵢ`,
    /// one `cblas_dtrsm` call (`X Lᵀ = B`) for the whole block.
    public func solveLowerRows(_ rows: inout [Double], count: Int) {
        precondition(rows.count == count * dimension, "the block is not \(count) × \(dimension)")
        guard dimension > 0, count > 0 else { return }
        lower.withUnsafeBufferPointer { l in
            rows.withUnsafeMutableBufferPointer { b in
                cblas_dtrsm(
                    CblasRowMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, Int32(count), Int32(dimension), 1,
                    l.baseAddress, Int32(dimension), b.baseAddress, Int32(dimension))
            }
        }
    }

    // MARK: - Derived quantities

    /// `log det A = 2 Σ log Lᵢᵢ`.
    public var logDeterminant: Double {
        var sum = 0.0
        for i in 0..<dimension { sum += log(lower[i * dimension + i]) }
        return 2 * sum
    }

    /// `A⁻¹` (symmetric, both triangles filled) through LAPACK's `dpotri`.
    public func inverse() -> DenseMatrix {
        var work = [Double](repeating: 0, count: dimension * dimension)
        inverseLowerTriangle(into: &work)
        var matrix = DenseMatrix(rows: dimension, columns: dimension, storage: work)
        matrix.symmetrizeFromLower()
        return matrix
    }

    /// Writes `A⁻¹`'s lower triangle into `work` (`dimension²` values, overwritten; the upper
    /// triangle is zero), for callers that only read one triangle.
    ///
    /// `dpotri` inverts `L` and forms `L⁻ᵀL⁻¹` in about `2n³/3` flops; timed on this project's
    /// machine it beat a level-3 `dtrsm` on the identity plus `dsyrk` (`2n³` flops) at every size
    /// from 100 to 400.
    public func inverseLowerTriangle(into work: inout [Double]) {
        let n = dimension
        precondition(work.count == n * n, "the work array is not \(n) × \(n)")
        guard n > 0 else { return }
        work = lower
        _ = work.withUnsafeMutableBufferPointer { buffer in
            LAPACKE_dpotri(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), buffer.baseAddress, Int32(n))
        }
    }

    // MARK: - Growing

    /// Extends the factorization of `A` to that of `[[A, c], [cᵀ, a]]` in `O(n²)`.
    ///
    /// `column` holds `c` (the new row of `A` against the old ones), `diagonal` is `a`. When the
    /// new point nearly repeats old ones the Schur complement `a - |L⁻¹c|²` can round to zero or
    /// below; it is then raised to `1e-12 · max(a, 1e-300)` so that the factor stays valid, which
    /// acts as a tiny jitter on that one diagonal entry.
    public mutating func append(column: [Double], diagonal: Double) {
        let n = dimension
        let l = solveLower(column)
        var squared = 0.0
        for value in l { squared += value * value }
        let floor = 1e-12 * max(diagonal, 1e-300)
        let pivot = max(diagonal + jitter - squared, floor).squareRoot()
        var grown = [Double](repeating: 0, count: (n + 1) * (n + 1))
        lower.withUnsafeBufferPointer { old in
            grown.withUnsafeMutableBufferPointer { new in
                for i in 0..<n {
                    for j in 0...i { new[i * (n + 1) + j] = old[i * n + j] }
                }
                for j in 0..<n { new[n * (n + 1) + j] = l[j] }
                new[n * (n + 1) + n] = pivot
            }
        }
        self = CholeskyFactorization(dimension: n + 1, lower: grown, jitter: jitter)
    }

    private init(dimension: Int, lower: [Double], jitter: Double) {
        self.dimension = dimension
        self.lower = lower
        self.jitter = jitter
    }
}
