/// A cubic radial basis function interpolant with a linear tail:
///
///     s(x) = Σ_i λ_i ‖x - x_i‖³ + c₀ + cᵀ x
///
/// fitted so that `s(x_i) = f_i` at every data point, with the side condition `Σ λ_i p(x_i) = 0`
/// for every linear polynomial `p`, which makes the interpolant unique (for points not all on
/// one hyperplane) and the cubic kernel conditionally positive definite.
///
/// Notation: `n` points `x_i` of dimension `d`; `Φ_ij = ‖x_i - x_j‖³` (`n × n`);
/// `P = [1, x_iᵀ]` (`n × (d + 1)`). The coefficients solve the augmented system
///
///     [ Φ   P ] [ λ ]   [ f ]
///     [ Pᵀ  0 ] [ c ] = [ 0 ]
///
/// References: Powell, "The theory of radial basis function approximation in 1990", 1992;
/// Gutmann, "A radial basis function method for global optimization", J. Glob. Optim. 2001.
struct CubicRBFModel: Sendable {
    let centres: [[Double]]
    /// `λ`, one per centre.
    let weights: [Double]
    /// `c₀` then `c`, `d + 1` values.
    let tail: [Double]

    /// The interpolant of `values` at `points`, or nil when the system is singular (fewer than
    /// `d + 1` points in general position, or coincident points).
    static func fit(points: [[Double]], values: [Double]) -> CubicRBFModel? {
        let n = points.count
        guard n > 0, values.count == n else { return nil }
        let d = points[0].count
        let order = n + d + 1
        // Column-major storage; the matrix is symmetric, so rows and columns read the same.
        var matrix = [Double](repeating: 0, count: order * order)
        for i in 0..<n {
            for j in (i + 1)..<n {
                let phi = cube(distance(points[i], points[j]))
                matrix[j * order + i] = phi
                matrix[i * order + j] = phi
            }
            matrix[n * order + i] = 1
            matrix[i * order + n] = 1
            for k in 0..<d {
                matrix[(n + 1 + k) * order + i] = points[i][k]
                matrix[i * order + n + 1 + k] = points[i][k]
            }
        }
        let rhs = values + [Double](repeating: 0, count: d + 1)
        guard let solution = LinearSystem.solve(matrix, rhs, order: order) else { return nil }
        return CubicRBFModel(centres: points, weights: Array(solution[0..<n]), tail: Array(solution[n...]))
    }

    /// `s(x)`.
    func value(at x: [Double]) -> Double {
        var s = tail[0]
        for k in x.indices { s += tail[k + 1] * x[k] }
        for (centre, weight) in zip(centres, weights) {
            s += weight * Self.cube(Self.distance(x, centre))
        }
        return s
    }

    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for k in a.indices {
            let delta = a[k] - b[k]
            sum += delta * delta
        }
        return sum.squareRoot()
    }

    @inline(__always) static func cube(_ r: Double) -> Double { r * r * r }
}
