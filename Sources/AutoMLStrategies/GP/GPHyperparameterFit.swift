#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLNumerics

/// Fits the GP's hyper-parameters: the maximum a posteriori point by bounded L-BFGS, or draws
/// from the posterior by slice sampling (Snoek et al. 2012 §3.2).
///
/// **MAP, multi-start then warm.** Without a previous fit, the starting points are the default
/// `GPHyperparameters.initial` and `restarts` random points (log-uniform length scales in
/// `[0.05, 5]`, scale in `[0.3, 3]`, noise in `[1e-6, 0.1]`), screened by objective value (one
/// Cholesky factor each), and L-BFGS runs from the best of them. Every later fit starts from the previous one (as Optuna does): one more
/// trial moves the optimum little, so a few iterations suffice. Restarting from scratch at every
/// trial was measured to hurt: the best likelihood optimum often has very long length scales
/// that make the model overconfident (Hartmann-6, Rosenbrock-4), while the warm-started path
/// stays in the basin the early data chose. A warm fit that fails (non-finite objective) falls
/// back to the multi-start.
enum GPHyperparameterFit {
    /// L-BFGS settings for the fit; the gradient tolerance of 1e-2 is Optuna's (and grows with
    /// the number of trials, see `maximumAPosteriori`).
    static let optimizer = BoundedLBFGS(memory: 10, maxIterations: 80, maxEvaluations: 160, gradientTolerance: 1e-2, relativeTolerance: 1e-9)

    /// The MAP raw hyper-parameters.
    ///
    /// - Parameter memory: The L-BFGS correction pairs of the previous fit, updated: curvature
    ///   changes little from one trial to the next, so a warm fit usually needs one or two
    ///   objective evaluations.
    static func maximumAPosteriori(
        _ likelihood: GPMarginalLikelihood, warmStart: [Double]?, memory: inout LBFGSMemory, restarts: Int, generator: inout SeededGenerator
    ) -> [Double] {
        let d = likelihood.dimension
        let (lower, upper) = GPHyperparameters.bounds(dimension: d, fixedNoise: likelihood.fixedNoise)
        let clamp = { (raw: [Double]) in zip(raw, zip(lower, upper)).map { min(max($0, $1.0), $1.1) } }
        // The objective is a sum over the n points, so its curvature grows like n while one new
        // point moves its gradient by O(1): a tolerance proportional to n keeps the error in θ
        // about constant and lets most warm refits stop after one or two iterations.
        var optimizer = Self.optimizer
        optimizer.gradientTolerance = max(Self.optimizer.gradientTolerance, 5e-4 * Double(likelihood.count))
        var workspace = GPMarginalLikelihood.Workspace()
        if let warmStart, warmStart.count == d + 2, warmStart.allSatisfy(\.isFinite) {
            let result = optimizer.minimize(from: clamp(warmStart), lower: lower, upper: upper, memory: &memory) { raw, gradient in
                likelihood.negativeLogPosterior(raw: raw, gradient: &gradient, wantsGradient: true, workspace: &workspace)
            }
            if result.value.isFinite { return result.x }
        }
        memory = LBFGSMemory(capacity: optimizer.memory)
        var best = clamp(GPHyperparameters.initial(dimension: d).raw)
        var unused: [Double] = []
        var bestValue = likelihood.negativeLogPosterior(raw: best, gradient: &unused, wantsGradient: false, workspace: &workspace)
        for _ in 0..<max(restarts, 0) {
            var raw: [Double] = []
            for _ in 0..<d { raw.append(-2 * generator.nextDouble(in: log(0.05), log(5))) }
            raw.append(generator.nextDouble(in: log(0.3), log(3)))
            raw.append(generator.nextDouble(in: log(1e-6), log(0.1)))
            raw = clamp(raw)
            let value = likelihood.negativeLogPosterior(raw: raw, gradient: &unused, wantsGradient: false, workspace: &workspace)
            if value < bestValue || (!bestValue.isFinite && value.isFinite) {
                best = raw
                bestValue = value
            }
        }
        return optimizer.minimize(from: best, lower: lower, upper: upper, memory: &memory) { raw, gradient in
            likelihood.negativeLogPosterior(raw: raw, gradient: &gradient, wantsGradient: true, workspace: &workspace)
        }.x
    }

    /// `count` raw hyper-parameter vectors drawn from the posterior by coordinate-wise slice
    /// sampling started at `start` (normally the MAP point), after `burnIn` sweeps.
    static func posteriorSamples(
        _ likelihood: GPMarginalLikelihood, from start: [Double], count: Int, burnIn: Int, generator: inout SeededGenerator
    ) -> [[Double]] {
        let d = likelihood.dimension
        var (lower, upper) = GPHyperparameters.bounds(dimension: d, fixedNoise: likelihood.fixedNoise)
        if likelihood.fixedNoise {
            // A zero-width coordinate: nothing to sample.
            lower[d + 1] = start[d + 1]
            upper[d + 1] = start[d + 1]
        }
        let sampler = SliceSampler(widths: Array(repeating: 1, count: d + 2))
        var workspace = GPMarginalLikelihood.Workspace()
        var unused: [Double] = []
        return sampler.sample(from: start, count: count, burnIn: burnIn, lower: lower, upper: upper, generator: &generator) { raw in
            -likelihood.negativeLogPosterior(raw: raw, gradient: &unused, wantsGradient: false, workspace: &workspace)
        }
    }
}
