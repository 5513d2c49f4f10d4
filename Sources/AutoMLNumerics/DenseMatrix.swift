import COpenBLAS

/// A dense matrix of doubles in row-major order, with products through BLAS.
///
/// ```swift
/// let a = DenseMatrix(rows: 2, columns: 3, storage: [1, 2, 3, 4, 5, 6])
/// let g = a.gram()                       // a aᵀ, 2 × 2, through dsyrk
/// let p = a.multiplied(by: a, transposeOther: true)   // the same, through dgemm
/// ```
///
/// Element `(i, j)` lives at `storage[i * columns + j]`. BLAS may use several threads and sum in
/// a different order from run to run; call `BLASThreads.pinToOne()` where results must be
/// reproducible bit for bit.
public struct DenseMatrix: Sendable, Hashable {
    public let rows: Int
    public let columns: Int
    public var storage: [Double]

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must not be negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over row-major `storage`, which must hold `rows * columns` values.
    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(rows >= 0 && columns >= 0 && storage.count == rows * columns, "storage does not match the dimensions")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// The `n × n` identity.
    public static func identity(_ n: Int) -> DenseMatrix {
        var matrix = DenseMatrix(rows: n, columns: n)
        for i in 0..<n { matrix.storage[i * n + i] = 1 }
        return matrix
    }

    public subscript(row: Int, column: Int) -> Double {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] {
        Array(storage[(i * columns)..<((i + 1) * columns)])
    }

    public func transposed() -> DenseMatrix {
        var result = DenseMatrix(rows: columns, columns: rows)
        for i in 0..<rows {
            for j in 0..<columns { result.storage[j * rows + i] = storage[i * columns + j] }
        }
        return result
    }

    /// `op(self) · op(other)` through `cblas_dgemm`, where `op` transposes when asked.
    public func multiplied(by other: DenseMatrix, transposeSelf: Bool = false, transposeOther: Bool = false) -> DenseMatrix {
        let m = transposeSelf ? columns : rows
        let k = transposeSelf ? rows : columns
        let otherK = transposeOther ? other.columns : other.rows
        let n = transposeOther ? other.rows : other.columns
        precondition(k == otherK, "inner dimensions differ: \(k) and \(otherK)")
        var result = DenseMatrix(rows: m, columns: n)
        guard m > 0, n > 0 else { return result }
        if k == 0 { return result }
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                result.storage.withUnsafeMutableBufferPointer { c in
                    cblas_dgemm(
                        CblasRowMajor, transposeSelf ? CblasTrans : CblasNoTrans, transposeOther ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), 1, a.baseAddress, Int32(max(columns, 1)),
                        b.baseAddress, Int32(max(other.columns, 1)), 0, c.baseAddress, Int32(max(n, 1)))
                }
            }
        }
        return result
    }

    /// `self · vector` through `cblas_dgemv`.
    public func multiplied(by vector: [Double]) -> [Double] {
        precondition(vector.count == columns, "the vector has \(vector.count) entries, the matrix \(columns) columns")
        var result = [Double](repeating: 0, count: rows)
        guard rows > 0, columns > 0 else { return result }
        storage.withUnsafeBufferPointer { a in
            vector.withUnsafeBufferPointer { x in
                result.withUnsafeMutableBufferPointer { y in
                    cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(columns), 1, a.baseAddress, Int32(columns), x.baseAddress, 1, 0, y.baseAddress, 1)
                }
            }
        }
        return result
    }

    /// `self · selfᵀ` (`rows × rows`, symmetric, both triangles filled) through `cblas_dsyrk`.
    public func gram() -> DenseMatrix {
        var result = DenseMatrix(rows: rows, columns: rows)
        guard rows > 0, columns > 0 else { return result }
        storage.withUnsafeBufferPointer { a in
            result.storage.withUnsafeMutableBufferPointer { c in
                cblas_dsyrk(CblasRowMajor, CblasLower, CblasNoTrans, Int32(rows), Int32(columns), 1, a.baseAddress, Int32(columns), 0, c.baseAddress, Int32(rows))
            }
        }
        result.symmetrizeFromLower()
        return result
    }

    /// Copies the lower triangle onto the upper one.
    public mutating func symmetrizeFromLower() {
        precondition(rows == columns, "only a square matrix can be symmetrized")
        let n = rows
        storage.withUnsafeMutableBufferPointer { a in
            for i in 0..<n {
                for j in 0..<i { a[j * n + i] = a[i * n + j] }
            }
        }
    }
}
