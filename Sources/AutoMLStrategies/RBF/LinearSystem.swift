import AutoMLNumerics
import COpenBLAS

/// Solves a dense square system `A x = b` by LU factorization with partial pivoting
/// (LAPACK's `dgesv`, through OpenBLAS pinned to one thread so results are reproducible).
enum LinearSystem {
    /// Pins BLAS to one thread, once per process.
    private static let pinned: Void = BLASThreads.pinToOne()

    /// The solution of `A x = b`, or nil when `A` is singular to working precision or the
    /// solution is not finite.
    ///
    /// - Parameters:
    ///   - matrix: `A`, `order × order`, column-major (a symmetric matrix reads the same either way).
    ///   - rhs: `b`, `order` values.
    static func solve(_ matrix: [Double], _ rhs: [Double], order: Int) -> [Double]? {
        guard order > 0, matrix.count == order * order, rhs.count == order,
            let n = Int32(exactly: order)
        else { return nil }
        _ = pinned
        var a = matrix
        var b = rhs
        var pivots = [Int32](repeating: 0, count: order)
        let info = a.withUnsafeMutableBufferPointer { aBuffer in
            b.withUnsafeMutableBufferPointer { bBuffer in
                pivots.withUnsafeMutableBufferPointer { pivotBuffer in
                    LAPACKE_dgesv(
                        LAPACK_COL_MAJOR, n, 1, aBuffer.baseAddress, n, pivotBuffer.baseAddress, bBuffer.baseAddress, n)
                }
            }
        }
        guard info == 0, b.allSatisfy(\.isFinite) else { return nil }
        return b
    }
}
