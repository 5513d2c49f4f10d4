import AutoMLNumerics

/// FABOLAS's product kernel over (configuration, data-subset size):
/// `k((x, t), (x', t')) = M(x, x') · (a + b φ(t) φ(t'))`.
///
/// Notation used across the FABOLAS files: `n` training points, `d` configuration coordinates
/// (`GPSpaceEncoding` points), `X` the `n × d` row-major configurations, `t` (`n`) their
/// subset sizes on the model's scale, `t = log(s / s_min) / log(1 / s_min)` in `[0, 1]` (`s` the
/// data fraction; `t = 1` is the full data set), `φ` a basis function of `t`, `M` the Matérn-5/2
/// ARD kernel with unit scale (`Matern52Kernel`, categorical coordinates by Hamming distance),
/// `a`, `b` the variances of the weights of a Bayesian linear regression on the basis
/// `(1, φ(t))`, so that its kernel is `φ̃(t)ᵀ diag(a, b) φ̃(t') = a + b φ(t) φ(t')`.
///
/// Bases (Klein et al. 2017, §3.1): the loss uses `φ(t) = (1 - t)²`, so its dependence on the
/// subset size vanishes smoothly at the full data set (`φ(1) = 0`: `k` at `t = 1` is `a M`),
/// and the log cost uses `φ(t) = t`, a cost growing like a power of the subset size. The paper
/// writes the bases on the fraction `s`; as its reference implementation (RoBO) does, they are
/// applied to the log-scaled `t`, which spreads small subsets apart.
struct FidelityKernel: Sendable, Hashable {
    /// The basis function `φ` of the subset-size kernel.
    enum Basis: String, Sendable, Hashable {
        /// `(1 - t)²`: the loss's dependence on the subset size decays to 0 at `t = 1`.
        case decay
        /// `t`: the log cost grows linearly in the log subset size.
        case linear

        @inline(__always) func callAsFunction(_ t: Double) -> Double {
            switch self {
            case .decay: return (1 - t) * (1 - t)
            case .linear: return t
            }
        }
    }

    /// `M`, with unit scale.
    let configurations: Matern52Kernel
    /// `a`, the variance of the constant weight.
    let offset: Double
    /// `b`, the variance of the weight of `φ`.
    let slope: Double
    let basis: Basis

    init(hyperparameters: FidelityHyperparameters, categorical: [Bool], basis: Basis) {
        configurations = Matern52Kernel(inverseSquaredLengthscales: hyperparameters.inverseSquaredLengthscales, scale: 1, categorical: categorical)
        offset = hyperparameters.offset
        slope = hyperparameters.slope
        self.basis = basis
    }

    /// `a + b φ(t) φ(t')`, the subset-size factor.
    @inline(__always) func fidelity(_ t: Double, _ u: Double) -> Double {
        offset + slope * basis(t) * basis(u)
    }

    /// `k((x, t), (x', t'))`.
    func callAsFunction(_ x: [Double], _ t: Double, _ y: [Double], _ u: Double) -> Double {
        configurations(x, y) * fidelity(t, u)
    }

    /// The `m × n` cross-covariance between `m` points `(A, tA)` and `n` points `(B, tB)`.
    func crossCovariance(_ a: [Double], _ ta: [Double], _ b: [Double], _ tb: [Double]) -> [Double] {
        let m = ta.count, n = tb.count
        var result = configurations.crossCovariance(a, count: m, b, count: n)
        let pa = ta.map { basis($0) }, pb = tb.map { basis($0) }
        for i in 0..<m {
            for j in 0..<n { result[i * n + j] *= offset + slope * pa[i] * pb[j] }
        }
        return result
    }
}
