#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The search distribution of CMA-ES, `N(m, σ² C)`, and its update from one ranked generation.
///
/// Notation (Hansen 2016): `n` the dimension; `m` the mean (`n`); `σ` the step size; `C` the
/// covariance (`n × n`, row-major); `B` its eigenvectors (columns, row-major storage) and `D`
/// the square roots of its eigenvalues (`n`), so `C = B D² Bᵀ`; `p_σ` and `p_c` the evolution
/// paths (`n`); `g` the generations done. A sample is `x = m + σ B D z` with `z ~ N(0, I)`.
struct CMAESDistribution: Sendable, Hashable {
    let parameters: CMAESParameters
    var mean: [Double]
    var sigma: Double
    var covariance: [Double]
    var pathSigma: [Double]
    var pathC: [Double]
    var generation = 0
    var basis: [Double]
    var scales: [Double]

    var dimension: Int { parameters.dimension }

    /// A round distribution: `C = I`.
    init(mean: [Double], sigma: Double, parameters: CMAESParameters) {
        let n = parameters.dimension
        self.parameters = parameters
        self.mean = mean
        self.sigma = sigma
        var identity = [Double](repeating: 0, count: n * n)
        for i in 0..<n { identity[i * n + i] = 1 }
        self.covariance = identity
        self.basis = identity
        self.scales = [Double](repeating: 1, count: n)
        self.pathSigma = [Double](repeating: 0, count: n)
        self.pathC = [Double](repeating: 0, count: n)
    }

    /// `m + σ B D z`.
    func point(fromStandard z: [Double]) -> [Double] {
        let n = dimension
        var x = mean
        for i in 0..<n {
            var y = 0.0
            for k in 0..<n { y += basis[i * n + k] * scales[k] * z[k] }
            x[i] += sigma * y
        }
        return x
    }

    /// `C^{-1/2} v = B D⁻¹ Bᵀ v`.
    func whiten(_ v: [Double]) -> [Double] {
        let n = dimension
        var projected = [Double](repeating: 0, count: n)
        for k in 0..<n {
            var s = 0.0
            for i in 0..<n { s += basis[i * n + k] * v[i] }
            projected[k] = s / scales[k]
        }
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = 0.0
            for k in 0..<n { s += basis[i * n + k] * projected[k] }
            out[i] = s
        }
        return out
    }

    /// Moves the distribution towards a ranked generation (best first, exactly `λ` points):
    /// weighted recombination of the mean, cumulative step-size adaptation, and the rank-one plus
    /// rank-μ covariance update with negative weights (Hansen 2016, eqs. 41-47).
    mutating func update(ranked points: [[Double]]) {
        let n = dimension
        let p = parameters
        generation += 1
        let steps = points.map { x in (0..<n).map { (x[$0] - mean[$0]) / sigma } }
        var yw = [Double](repeating: 0, count: n)
        for (rank, y) in steps.prefix(p.mu).enumerated() {
            for i in 0..<n { yw[i] += p.weights[rank] * y[i] }
        }
        for i in 0..<n { mean[i] += sigma * yw[i] }

        let whitened = whiten(yw)
        let sigmaRate = (p.cSigma * (2 - p.cSigma) * p.muEff).squareRoot()
        for i in 0..<n { pathSigma[i] = (1 - p.cSigma) * pathSigma[i] + sigmaRate * whitened[i] }
        let pathNorm = Self.norm(pathSigma)
        sigma *= exp((p.cSigma / p.dSigma) * (pathNorm / p.chiN - 1))

        let correction = (1 - pow(1 - p.cSigma, Double(2 * (generation + 1)))).squareRoot()
        let hSigma = pathNorm / correction < (1.4 + 2 / Double(n + 1)) * p.chiN ? 1.0 : 0.0
        let cRate = (p.cc * (2 - p.cc) * p.muEff).squareRoot()
        for i in 0..<n { pathC[i] = (1 - p.cc) * pathC[i] + hSigma * cRate * yw[i] }

        // Negative weights act on steps rescaled to the norm a random step would have.
        let activeWeights = zip(p.weights, steps).map { w, y -> Double in
            guard w < 0 else { return w }
            let length = Self.norm(whiten(y))
            return w * Double(n) / (length * length + 1e-8)
        }
        let deltaH = (1 - hSigma) * p.cc * (2 - p.cc)
        let keep = 1 + p.c1 * deltaH - p.c1 - p.cMu * p.weights.reduce(0, +)
        for i in 0..<n {
            for j in i..<n {
                var rankMu = 0.0
                for (w, y) in zip(activeWeights, steps) { rankMu += w * y[i] * y[j] }
                let value = keep * covariance[i * n + j] + p.c1 * pathC[i] * pathC[j] + p.cMu * rankMu
                covariance[i * n + j] = value
                covariance[j * n + i] = value
            }
        }
        decompose()
    }

    /// Recomputes `B` and `D` from `C`; eigenvalues below `1e-16` are raised to it and `C` is
    /// rebuilt from the repaired factors so that it stays symmetric positive definite.
    mutating func decompose() {
        let n = dimension
        let (values, vectors) = SymmetricEigen.decompose(covariance, order: n)
        basis = vectors
        scales = values.map { ($0 > 1e-16 && $0.isFinite ? $0 : 1e-16).squareRoot() }
        for i in 0..<n {
            for j in i..<n {
                var s = 0.0
                for k in 0..<n { s += basis[i * n + k] * scales[k] * scales[k] * basis[j * n + k] }
                covariance[i * n + j] = s
                covariance[j * n + i] = s
            }
        }
    }

    /// Whether every number of the state is finite (a guard against numerical breakdown).
    var isFinite: Bool {
        sigma.isFinite && sigma > 0 && mean.allSatisfy(\.isFinite) && covariance.allSatisfy(\.isFinite)
    }

    static func norm(_ v: [Double]) -> Double {
        v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
}
