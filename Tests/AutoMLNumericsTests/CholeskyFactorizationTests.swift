import Foundation
import Testing
@testable import AutoMLNumerics

/// The factorization and its solves against naive loops.
@Suite struct CholeskyFactorizationTests {
    /// A random symmetric positive definite matrix `B Bᵀ + n I`.
    static func spd(_ n: Int, seed: UInt64) -> DenseMatrix {
        var rng = SeededGenerator(seed: seed)
        let b = DenseMatrix(rows: n, columns: n, storage: (0..<(n * n)).map { _ in rng.nextUnit() - 0.5 })
        var a = b.gram()
        for i in 0..<n { a[i, i] += Double(n) }
        return a
    }

    /// Cholesky–Banachiewicz in plain loops.
    static func naiveCholesky(_ a: DenseMatrix) -> DenseMatrix {
        let n = a.rows
        var l = DenseMatrix(rows: n, columns: n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i, j]
                for k in 0..<j { sum -= l[i, k] * l[j, k] }
                l[i, j] = i == j ? sum.squareRoot() : sum / l[j, j]
            }
        }
        return l
    }

    @Test func factorMatchesTheTextbookAlgorithm() throws {
        let a = Self.spd(7, seed: 1)
        let chol = try CholeskyFactorization(a)
        let naive = Self.naiveCholesky(a)
        #expect(chol.jitter == 0)
        for i in 0..<7 {
            for j in 0..<7 {
                #expect(abs(chol.lower[i * 7 + j] - naive[i, j]) < 1e-12)
            }
        }
    }

    @Test func solvesMatchNaiveSubstitution() throws {
        let n = 6
        let a = Self.spd(n, seed: 2)
        let chol = try CholeskyFactorization(a)
        let l = Self.naiveCholesky(a)
        let b = (0..<n).map { Double($0) - 2.5 }
        // Forward substitution by hand.
        var forward = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = b[i]
            for k in 0..<i { sum -= l[i, k] * forward[k] }
            forward[i] = sum / l[i, i]
        }
        let lower = chol.solveLower(b)
        for i in 0..<n { #expect(abs(lower[i] - forward[i]) < 1e-12) }
        // A x = b.
        let x = chol.solve(b)
        let back = a.multiplied(by: x)
        for i in 0..<n { #expect(abs(back[i] - b[i]) < 1e-10) }
        // Lᵀ x = b.
        let up = chol.solveUpper(b)
        for i in 0..<n {
            var sum = 0.0
            for k in i..<n { sum += l[k, i] * up[k] }
            #expect(abs(sum - b[i]) < 1e-10)
        }
    }

    @Test func blockSolveMatchesOneVectorAtATime() throws {
        let n = 5, m = 4
        let chol = try CholeskyFactorization(Self.spd(n, seed: 3))
        var rng = SeededGenerator(seed: 4)
        let rows = (0..<(m * n)).map { _ in rng.nextUnit() }
        var block = rows
        chol.solveLowerRows(&block, count: m)
        for r in 0..<m {
            let single = chol.solveLower(Array(rows[(r * n)..<((r + 1) * n)]))
            for j in 0..<n { #expect(abs(block[r * n + j] - single[j]) < 1e-12) }
        }
    }

    @Test func logDeterminantAndInverseAreCorrect() throws {
        let a = DenseMatrix(rows: 3, columns: 3, storage: [4, 2, 0.4, 2, 5, 1, 0.4, 1, 3])
        let chol = try CholeskyFactorization(a)
        // det by cofactor expansion.
        let minor0: Double = 5 * 3 - 1 * 1
        let minor1: Double = 2 * 3 - 1 * 0.4
        let minor2: Double = 2 * 1 - 5 * 0.4
        let det: Double = 4 * minor0 - 2 * minor1 + 0.4 * minor2
        #expect(abs(chol.logDeterminant - log(det)) < 1e-13)
        let product = a.multiplied(by: chol.inverse())
        for i in 0..<3 {
            for j in 0..<3 { #expect(abs(product[i, j] - (i == j ? 1 : 0)) < 1e-13) }
        }
    }

    @Test func jitterRescuesASingularMatrixAndIsReported() throws {
        // Two identical points under a kernel: a rank-one 2 × 2 matrix.
        let a = DenseMatrix(rows: 2, columns: 2, storage: [1, 1, 1, 1])
        #expect(throws: LinearAlgebraError.self) { try CholeskyFactorization(a, jitter: .none) }
        let chol = try CholeskyFactorization(a)
        #expect(chol.jitter > 0)
        #expect(chol.jitter <= 1e-4)
    }

    @Test func indefiniteOrNonFiniteMatricesThrow() {
        let indefinite = DenseMatrix(rows: 2, columns: 2, storage: [1, 3, 3, 1])
        #expect(throws: LinearAlgebraError.self) { try CholeskyFactorization(indefinite) }
        let nan = DenseMatrix(rows: 2, columns: 2, storage: [1, 0, 0, .nan])
        #expect(throws: LinearAlgebraError.self) { try CholeskyFactorization(nan) }
    }

    @Test func appendingARowEqualsFactoringTheGrownMatrix() throws {
        let n = 6
        let full = Self.spd(n, seed: 5)
        var leading = DenseMatrix(rows: n - 1, columns: n - 1)
        for i in 0..<(n - 1) {
            for j in 0..<(n - 1) { leading[i, j] = full[i, j] }
        }
        var grown = try CholeskyFactorization(leading)
        grown.append(column: (0..<(n - 1)).map { full[n - 1, $0] }, diagonal: full[n - 1, n - 1])
        let direct = try CholeskyFactorization(full)
        #expect(grown.dimension == n)
        for k in 0..<(n * n) { #expect(abs(grown.lower[k] - direct.lower[k]) < 1e-12) }
    }

    @Test func matrixProductsMatchLoops() {
        let a = DenseMatrix(rows: 2, columns: 3, storage: [1, 2, 3, 4, 5, 6])
        let b = DenseMatrix(rows: 3, columns: 2, storage: [7, 8, 9, 10, 11, 12])
        #expect(a.multiplied(by: b).storage == [58, 64, 139, 154])
        #expect(a.multiplied(by: a, transposeOther: true).storage == [14, 32, 32, 77])
        #expect(a.gram().storage == [14, 32, 32, 77])
        #expect(a.multiplied(by: a, transposeSelf: true).storage == [17, 22, 27, 22, 29, 36, 27, 36, 45])
        #expect(a.multiplied(by: [1, 0, -1]) == [-2, -2])
        #expect(a.transposed().storage == [1, 4, 2, 5, 3, 6])
    }
}
