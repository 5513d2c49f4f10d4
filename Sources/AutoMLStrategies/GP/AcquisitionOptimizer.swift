#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLNumerics

/// Maximizes an acquisition surface over the space: quasi-random candidates, then local
/// refinement of the most promising ones.
///
/// 1. `candidates` points of a freshly scrambled Sobol sequence (uniform random points when the
///    space has more coordinates than the Sobol tables), each canonicalized (snapped and
///    filled, see `GPSpaceEncoding`) and scored in one batch.
/// 2. The best candidate, `localSearches - 1` more chosen by roulette (`startingPoints`) and
///    the given warm starts (the best observed point, as Optuna does) are refined: bounded
///    L-BFGS on the gradient-driven coordinates, in units of each coordinate's length scale so
///    the problem is well conditioned (Optuna's preconditioning), then a snap; then each
///    parameter with few values is tried at every value. The rounds repeat while the
///    value-by-value step moves the point, at most three times.
/// 3. Everything scored comes back best first, so the caller can skip configs already taken.
struct AcquisitionOptimizer: Sendable {
    let encoding: GPSpaceEncoding
    let candidates: Int
    let localSearches: Int
    /// Samples of the minimum value per model, for MES.
    let minimumValueSamples: Int

    /// L-BFGS for the refinement: Optuna's gradient tolerance (1e-2 in length-scale units) and
    /// SciPy's default relative reduction; 50 evaluations at most, since near an observed point
    /// the log-EI surface is rounding noise and a search there only crawls.
    static let refinement = BoundedLBFGS(memory: 10, maxIterations: 100, maxEvaluations: 50, gradientTolerance: 1e-2, relativeTolerance: 2.220446049250313e-9)

    struct Scored {
        var point: [Double]
        var value: Double
    }

    /// Canonical GP points with their acquisition values, best first.
    func propose(on surface: AcquisitionSurface, warmStarts: [[Double]], generator: inout SeededGenerator) -> [Scored] {
        var surface = surface
        let d = encoding.dimension
        let points = candidatePoints(generator: &generator)
        let m = points.count / max(d, 1)
        let posteriors = surface.posteriors(points: points, count: m)
        if surface.function.kind == .mes {
            surface.function.minimumSamples = surface.models.indices.map { s in
                let own = surface.models[s].posterior(points: surface.models[s].x, count: surface.models[s].count)
                return MinimumValueSampler.sample(
                    means: posteriors[s].mean + own.mean, variances: posteriors[s].variance + own.variance,
                    count: minimumValueSamples, generator: &generator)
            }
        }
        let values = surface.values(points: points, count: m, posteriors: posteriors)
        var scored = (0..<m).map { Scored(point: Array(points[(($0) * d)..<(($0 + 1) * d)]), value: Self.sanitized(values[$0])) }
        var starts = startingPoints(scored, logScale: surface.function.isLogScale, generator: &generator)
        if !warmStarts.isEmpty {
            let warmValues = surface.values(points: warmStarts.flatMap { $0 }, count: warmStarts.count)
            for (point, value) in zip(warmStarts, warmValues) { starts.append(Scored(point: point, value: Self.sanitized(value))) }
        }
        for start in starts {
            scored.append(refine(start, on: surface))
        }
        scored.sort { $0.value > $1.value }
        return scored
    }

    /// The best candidate, then `localSearches - 1` more drawn without replacement by roulette
    /// with weights `exp(a - a_max)` for logarithmic acquisitions (Optuna's choice: promising
    /// basins other than the best one get refined too), or the next best for the others.
    func startingPoints(_ scored: [Scored], logScale: Bool, generator: inout SeededGenerator) -> [Scored] {
        guard localSearches > 0, !scored.isEmpty else { return [] }
        var bestIndex = 0
        for i in scored.indices where scored[i].value > scored[bestIndex].value { bestIndex = i }
        var chosen = [bestIndex]
        let top = scored[bestIndex].value
        if logScale, top.isFinite {
            var weights = scored.map { $0.value.isFinite ? exp($0.value - top) : 0 }
            weights[bestIndex] = 0
            while chosen.count < localSearches {
                let total = weights.reduce(0, +)
                guard total > 0 else { break }
                var target = generator.nextUnit() * total
                var pick = weights.count - 1
                for i in weights.indices where weights[i] > 0 {
                    target -= weights[i]
                    if target <= 0 { pick = i; break }
                }
                guard weights[pick] > 0 else { break }
                chosen.append(pick)
                weights[pick] = 0
            }
        } else {
            let order = scored.indices.sorted { scored[$0].value > scored[$1].value || (scored[$0].value == scored[$1].value && $0 < $1) }
            for i in order where i != bestIndex && chosen.count < localSearches { chosen.append(i) }
        }
        return chosen.map { scored[$0] }
    }

    /// The candidate batch, canonicalized, `m × d` row-major.
    func candidatePoints(generator: inout SeededGenerator) -> [Double] {
        let d = encoding.dimension
        var points: [Double] = []
        points.reserveCapacity(candidates * d)
        if d <= SobolSequence.maxDimension, var sobol = try? SobolSequence(dimension: d, scramble: true, generator: &generator) {
            for _ in 0..<candidates { points.append(contentsOf: encoding.canonical(unit: sobol.next())) }
        } else {
            for _ in 0..<candidates { points.append(contentsOf: encoding.canonical(unit: (0..<d).map { _ in generator.nextUnit() })) }
        }
        return points
    }

    /// Local refinement of one start (see the type's documentation).
    func refine(_ start: Scored, on surface: AcquisitionSurface) -> Scored {
        var best = start
        let lengthscales = surface.models.first.map { model in
            model.kernel.inverseSquaredLengthscales.map { min(max(1 / $0.squareRoot(), 1e-3), 1e3) }
        } ?? Array(repeating: 1, count: encoding.dimension)
        for _ in 0..<3 {
            var movedByValue = false
            let mask = encoding.activeMask(best.point)
            let free = encoding.relaxed.filter { mask[$0] }
            if !free.isEmpty {
                let scales = free.map { lengthscales[$0] }
                let base = best.point
                let result = Self.refinement.minimize(
                    from: free.indices.map { base[free[$0]] / scales[$0] },
                    lower: Array(repeating: 0, count: free.count), upper: scales.map { 1 / $0 }
                ) { y, gradient in
                    var p = base
                    for k in free.indices { p[free[k]] = y[k] * scales[k] }
                    let (value, g) = surface.valueAndGradient(at: p, coordinates: free)
                    for k in free.indices { gradient[k] = -g[k] * scales[k] }
                    return value.isFinite ? -value : .infinity
                }
                var moved = base
                for k in free.indices { moved[free[k]] = result.x[k] * scales[k] }
                moved = encoding.canonical(moved)
                let value = Self.sanitized(surface.values(points: moved, count: 1)[0])
                if value > best.value { best = Scored(point: moved, value: value) }
            }
            for c in 0..<encoding.dimension {
                guard let choices = encoding.choices[c], encoding.activeMask(best.point)[c] else { continue }
                var variants: [Double] = []
                var count = 0
                for choice in choices where choice != best.point[c] {
                    var q = best.point
                    q[c] = choice
                    variants.append(contentsOf: encoding.canonical(q))
                    count += 1
                }
                guard count > 0 else { continue }
                let values = surface.values(points: variants, count: count)
                let d = encoding.dimension
                for k in 0..<count where Self.sanitized(values[k]) > best.value {
                    best = Scored(point: Array(variants[(k * d)..<((k + 1) * d)]), value: Self.sanitized(values[k]))
                    movedByValue = true
                }
            }
            // The gradient step runs again only if a value-by-value step moved the point (it
            // would start where the last gradient step converged otherwise).
            if !movedByValue { break }
        }
        return best
    }

    /// NaN ranks last.
    static func sanitized(_ value: Double) -> Double {
        value.isNaN ? -.infinity : value
    }
}
