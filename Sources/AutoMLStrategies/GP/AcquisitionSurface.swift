#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLNumerics

/// What the acquisition optimizer maximizes: an acquisition function over one GP (MAP
/// hyper-parameters) or several (slice-sampled hyper-parameters), optionally per unit cost.
///
/// **Integrated acquisition** (Snoek et al. 2012 §3.2): with hyper-parameter samples
/// `θ_1 … θ_S`, the acquisition is the average of the per-sample acquisitions; for the
/// logarithmic ones (`logei`, `pi`) that is `log(1/S Σ exp a_s)`, the log of the averaged EI or PI.
///
/// **Per unit cost** ("EI per second", Snoek et al. 2012 §3.2): a second GP models the
/// standardized log cost `c(x)`; the acquisition becomes `EI(x) / exp(spread · c(x))`, i.e.
/// `log EI(x) - spread · c(x)` for `logei` (`spread` being the standard deviation of the observed
/// log costs, so the product is the predicted log cost up to a constant).
struct AcquisitionSurface: Sendable {
    var models: [GaussianProcess]
    var function: AcquisitionFunction
    /// The GP of standardized log cost and the standard deviation of the log costs.
    var cost: (model: GaussianProcess, spread: Double)?

    /// Posterior means and variances of every model at `m` points.
    func posteriors(points: [Double], count m: Int) -> [(mean: [Double], variance: [Double])] {
        models.map { $0.posterior(points: points, count: m) }
    }

    /// Acquisition values at `m` points (`m × d`), given their posteriors.
    func values(points: [Double], count m: Int, posteriors: [(mean: [Double], variance: [Double])]) -> [Double] {
        var result = [Double](repeating: 0, count: m)
        var perModel = [Double](repeating: 0, count: models.count)
        for i in 0..<m {
            for s in models.indices {
                perModel[s] = function.value(mean: posteriors[s].mean[i], variance: posteriors[s].variance[i], model: s)
            }
            result[i] = combine(perModel)
        }
        if let cost {
            let predicted = cost.model.posterior(points: points, count: m).mean
            for i in 0..<m { result[i] = applyCost(result[i], spread: cost.spread, logCost: predicted[i]) }
        }
        return result
    }

    /// Acquisition values at `m` points.
    func values(points: [Double], count m: Int) -> [Double] {
        values(points: points, count: m, posteriors: posteriors(points: points, count: m))
    }

    /// The acquisition at `z` and its gradient with respect to `coordinates`.
    func valueAndGradient(at z: [Double], coordinates: [Int]) -> (value: Double, gradient: [Double]) {
        var values = [Double](repeating: 0, count: models.count)
        var gradients: [[Double]] = []
        for (s, model) in models.enumerated() {
            let p = model.posteriorWithGradient(at: z, coordinates: coordinates)
            let a = function.evaluate(mean: p.mean, variance: p.variance, model: s)
            values[s] = a.value
            gradients.append(coordinates.indices.map { a.dMean * p.dMean[$0] + a.dVariance * p.dVariance[$0] })
        }
        var value = combine(values)
        var gradient = [Double](repeating: 0, count: coordinates.count)
        let weights = combinationWeights(values)
        for (s, g) in gradients.enumerated() {
            for k in gradient.indices { gradient[k] += weights[s] * g[k] }
        }
        if let cost {
            let c = cost.model.posteriorWithGradient(at: z, coordinates: coordinates)
            if function.isLogScale {
                for k in gradient.indices { gradient[k] -= cost.spread * c.dMean[k] }
            } else {
                let factor = exp(-cost.spread * c.mean)
                for k in gradient.indices { gradient[k] = factor * (gradient[k] - value * cost.spread * c.dMean[k]) }
            }
            value = applyCost(value, spread: cost.spread, logCost: c.mean)
        }
        return (value, gradient)
    }

    /// Conditions every objective model on `z` as a kriging believer; a believed loss below a
    /// model's incumbent becomes its incumbent (Ginsbourger et al. 2010: the believer is data).
    mutating func appendBeliever(at z: [Double]) {
        if function.incumbents.count != models.count {
            function.incumbents = Array(repeating: function.best, count: models.count)
        }
        for s in models.indices {
            let believed = models[s].appendBeliever(at: z)
            function.incumbents[s] = min(function.incumbents[s], believed)
        }
    }

    // MARK: - Combination

    private func combine(_ values: [Double]) -> Double {
        if values.count == 1 { return values[0] }
        if function.isLogScale {
            let top = values.max() ?? 0
            guard top.isFinite else { return top }
            var sum = 0.0
            for v in values { sum += exp(v - top) }
            return top + log(sum / Double(values.count))
        }
        return values.reduce(0, +) / Double(values.count)
    }

    /// `∂ combine / ∂ a_s`: softmax weights for log-mean-exp, `1/S` for the mean.
    private func combinationWeights(_ values: [Double]) -> [Double] {
        if values.count == 1 { return [1] }
        if function.isLogScale {
            let top = values.max() ?? 0
            let e = values.map { top.isFinite ? exp($0 - top) : 1 }
            let total = e.reduce(0, +)
            return e.map { $0 / total }
        }
        return Array(repeating: 1 / Double(values.count), count: values.count)
    }

    private func applyCost(_ value: Double, spread: Double, logCost: Double) -> Double {
        function.isLogScale ? value - spread * logCost : value * exp(-spread * logCost)
    }
}
