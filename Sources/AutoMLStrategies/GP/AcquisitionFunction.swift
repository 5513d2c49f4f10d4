#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLNumerics

/// The acquisition functions, all to be maximized, on standardized losses (lower is better):
/// with `μ`, `σ²` the posterior of `f` at a point, `f*` the best standardized loss observed and
/// `z = (f* - μ)/σ`:
///
/// - `logei` (default): `log EI = log σ + log h(z)`, computed stably far in the tail (Ament et
///   al. 2023) so the optimizer never meets a flat zero.
/// - `ei`: `EI = σ h(z)` (Jones et al. 1998; Snoek et al. 2012).
/// - `pi`: `log Φ(z)`, the log probability of improvement (Kushner 1964).
/// - `ucb`: `-μ + √β σ`, the lower confidence bound of the loss, negated (Srinivas et al. 2010).
/// - `mes`: max-value entropy search (Wang & Jegelka 2017), the documented approximation of
///   entropy search (Hennig & Schuler 2012): the expected reduction in the entropy of the
///   *minimum value* `f_min`, `1/K Σ_k [γ_k φ(γ_k) / (2Φ(γ_k)) - log Φ(γ_k)]` with
///   `γ_k = (μ - m_k)/σ` and `m_k` samples of `f_min` (see `MinimumValueSampler`).
///
/// `evaluate` also returns `∂a/∂μ` and `∂a/∂σ²`, which the gradient-based refinement chains
/// with the GP's `∇μ` and `∇σ²`.
struct AcquisitionFunction: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        case logEI = "logei"
        case ei, pi, ucb, mes
    }

    let kind: Kind
    /// `f*`, the best standardized loss observed.
    let best: Double
    /// Per model, the incumbent once kriging believers are counted as observations (a believer
    /// whose predicted loss beats `f*` becomes the incumbent, so the next point of a batch must
    /// improve on it too); models without an entry use `best`.
    var incumbents: [Double] = []
    /// `β` of UCB.
    let beta: Double
    /// MES: sampled minimum values, one array per model.
    var minimumSamples: [[Double]] = []

    /// A variance floor against division by zero at training points (Optuna adds 1e-12 too).
    static let stabilizingVariance = 1e-12

    /// Whether values are logarithms (models are then combined by log-mean-exp).
    var isLogScale: Bool { kind == .logEI || kind == .pi }

    /// The incumbent `f*` of model `model`.
    func incumbent(_ model: Int) -> Double {
        model < incumbents.count ? incumbents[model] : best
    }

    /// `a(μ, σ²)` alone (what scoring candidates needs; cheaper than `evaluate`).
    func value(mean: Double, variance: Double, model: Int) -> Double {
        let sigma = (variance + Self.stabilizingVariance).squareRoot()
        let z = (incumbent(model) - mean) / sigma
        switch kind {
        case .logEI: return log(sigma) + ExpectedImprovement.logH(z)
        case .ei: return sigma * ExpectedImprovement.h(z)
        case .pi: return NormalDistribution.logCDF(z)
        case .ucb: return -mean + beta.squareRoot() * sigma
        case .mes: return evaluate(mean: mean, variance: variance, model: model).value
        }
    }

    /// `a(μ, σ²)`, `∂a/∂μ` and `∂a/∂σ²` for model `model`.
    func evaluate(mean: Double, variance: Double, model: Int) -> (value: Double, dMean: Double, dVariance: Double) {
        let v = variance + Self.stabilizingVariance
        let sigma = v.squareRoot()
        let z = (incumbent(model) - mean) / sigma
        let dSigmaDVariance = 0.5 / sigma
        switch kind {
        case .logEI:
            let slope = ExpectedImprovement.logHDerivative(z)
            let value = log(sigma) + ExpectedImprovement.logH(z)
            return (value, -slope / sigma, (1 / sigma - slope * z / sigma) * dSigmaDVariance)
        case .ei:
            let value = sigma * ExpectedImprovement.h(z)
            return (value, -NormalDistribution.cdf(z), NormalDistribution.pdf(z) * dSigmaDVariance)
        case .pi:
            let hazard = NormalDistribution.hazardOfLowerTail(z)
            return (NormalDistribution.logCDF(z), -hazard / sigma, -hazard * z / sigma * dSigmaDVariance)
        case .ucb:
            let root = beta.squareRoot()
            return (-mean + root * sigma, -1, root * dSigmaDVariance)
        case .mes:
            let samples = model < minimumSamples.count ? minimumSamples[model] : []
            guard !samples.isEmpty else { return (0, 0, 0) }
            var value = 0.0, dGammaSum = 0.0, dGammaZ = 0.0
            for m in samples {
                let gamma = (mean - m) / sigma
                let hazard = NormalDistribution.hazardOfLowerTail(gamma)
                value += 0.5 * gamma * hazard - NormalDistribution.logCDF(gamma)
                let slope = -0.5 * hazard * (1 + gamma * gamma + gamma * hazard)
                dGammaSum += slope
                dGammaZ += slope * gamma
            }
            let k = Double(samples.count)
            return (value / k, dGammaSum / k / sigma, -dGammaZ / k / sigma * dSigmaDVariance)
        }
    }
}
