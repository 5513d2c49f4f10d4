/// A limited-memory quasi-Newton minimizer for smooth functions on a box `lower ≤ x ≤ upper`.
///
/// ```swift
/// let result = BoundedLBFGS().minimize(from: [0, 0], lower: [-1, -1], upper: [0.5, 2]) { x, g in
///     g[0] = 2 * (x[0] - 1); g[1] = 2 * (x[1] - 1)
///     return (x[0] - 1) * (x[0] - 1) + (x[1] - 1) * (x[1] - 1)
/// }
/// // result.x ≈ [0.5, 1]: the first bound is active at the optimum.
/// ```
///
/// Method (a projected L-BFGS in the spirit of L-BFGS-B): at each iterate the variables held at
/// a bound by their gradient form the active set; the L-BFGS two-loop recursion is applied to
/// the gradient restricted to the free variables, which gives a descent direction because any
/// principal block of a positive definite matrix is positive definite; the step follows the
/// projected path `P(x + α d)` with a backtracking Armijo search (quadratic interpolation,
/// safeguarded), falling back to projected steepest descent when the quasi-Newton path does
/// not descend. Unlike L-BFGS-B it does not compute a generalized Cauchy point, so it may take a
/// few more iterations when many bounds become active at once; it stops at the same first-order
/// points (the tests include an active bound on Rosenbrock's function).
///
/// Stops when the projected gradient `P(x - g) - x` has no component above
/// `gradientTolerance`, when an iteration lowers `f` by at most
/// `relativeTolerance · max(|f|, |f'|, 1)`, when the line search fails, or at the iteration or
/// evaluation limit. An objective that returns a non-finite value at a trial point is treated as
/// "too high" there; at the starting point it stops the run at once.
///
/// References: R. H. Byrd, P. Lu, J. Nocedal, C. Zhu, "A limited memory algorithm for bound
/// constrained optimization", SIAM J. Sci. Comput. 16 (1995); D. P. Bertsekas, "Projected Newton
/// methods for optimization problems with simple constraints", SIAM J. Control Optim. 20 (1982).
public struct BoundedLBFGS: Sendable {
    /// Stored correction pairs.
    public var memory: Int
    public var maxIterations: Int
    public var maxEvaluations: Int
    public var gradientTolerance: Double
    public var relativeTolerance: Double

    public init(memory: Int = 10, maxIterations: Int = 200, maxEvaluations: Int = 1000, gradientTolerance: Double = 1e-5, relativeTolerance: Double = 2.220446049250313e-9) {
        self.memory = memory
        self.maxIterations = maxIterations
        self.maxEvaluations = maxEvaluations
        self.gradientTolerance = gradientTolerance
        self.relativeTolerance = relativeTolerance
    }

    /// Why a run stopped.
    public enum Stop: Sendable, Hashable {
        case gradientTolerance, relativeReduction, lineSearchFailed, iterationLimit, evaluationLimit, nonFiniteStart
    }

    public struct Result: Sendable {
        public var x: [Double]
        public var value: Double
        public var gradient: [Double]
        public var iterations: Int
        public var evaluations: Int
        public var stop: Stop
        /// Whether the run ended at a point where the optimality tests hold.
        public var converged: Bool { stop == .gradientTolerance || stop == .relativeReduction }
    }

    /// Minimizes `objective` from `start` (clamped into the box).
    ///
    /// - Parameters:
    ///   - lower: Lower bounds, one per variable (`-.infinity` for none).
    ///   - upper: Upper bounds, at least `lower`.
    ///   - objective: Returns `f(x)` and writes `∇f(x)` into its second argument (same length as
    ///     `x`, zero-filled on entry).
    public func minimize(
        from start: [Double], lower: [Double], upper: [Double],
        objective: (_ x: [Double], _ gradient: inout [Double]) -> Double
    ) -> Result {
        var pairs = LBFGSMemory(capacity: memory)
        return minimize(from: start, lower: lower, upper: upper, memory: &pairs, objective: objective)
    }

    /// Minimizes `objective` from `start`, beginning with the correction pairs in `pairs` (a
    /// previous run's, for a warm start; pairs of the wrong length are dropped) and leaving the
    /// final ones there.
    public func minimize(
        from start: [Double], lower: [Double], upper: [Double], memory pairs: inout LBFGSMemory,
        objective: (_ x: [Double], _ gradient: inout [Double]) -> Double
    ) -> Result {
        let n = start.count
        if !pairs.matches(dimension: n) { pairs = LBFGSMemory(capacity: memory) }
        precondition(lower.count == n && upper.count == n, "bounds must have one entry per variable")
        var x = Self.project(start, lower, upper)
        var gradient = [Double](repeating: 0, count: n)
        var value = objective(x, &gradient)
        var evaluations = 1
        guard value.isFinite, gradient.allSatisfy(\.isFinite) else {
            return Result(x: x, value: value, gradient: gradient, iterations: 0, evaluations: 1, stop: .nonFiniteStart)
        }
        var iterations = 0
        while true {
            if Self.projectedGradientNorm(x, gradient, lower, upper) <= gradientTolerance {
                return Result(x: x, value: value, gradient: gradient, iterations: iterations, evaluations: evaluations, stop: .gradientTolerance)
            }
            if iterations >= maxIterations {
                return Result(x: x, value: value, gradient: gradient, iterations: iterations, evaluations: evaluations, stop: .iterationLimit)
            }
            if evaluations >= maxEvaluations {
                return Result(x: x, value: value, gradient: gradient, iterations: iterations, evaluations: evaluations, stop: .evaluationLimit)
            }
            let free = Self.freeMask(x, gradient, lower, upper)
            var search = LineSearch(x: x, value: value, gradient: gradient, lower: lower, upper: upper)
            var outcome: LineSearch.Outcome?
            if !pairs.isEmpty {
                let direction = Self.masked(pairs.applyInverseHessian(Self.masked(gradient, free)), free).map { -$0 }
                outcome = search.run(direction: direction, initialStep: 1, budget: maxEvaluations - evaluations, objective: objective)
                evaluations += search.evaluations
            }
            if outcome == nil {
                // Projected steepest descent, first step of unit length (as L-BFGS-B does).
                pairs.clear()
                let direction = Self.masked(gradient, free).map { -$0 }
                let norm = LBFGSMemory.dot(direction, direction).squareRoot()
                search.evaluations = 0
                outcome = search.run(direction: direction, initialStep: min(1, 1 / max(norm, 1e-300)), budget: maxEvaluations - evaluations, objective: objective)
                evaluations += search.evaluations
            }
            guard let step = outcome else {
                return Result(x: x, value: value, gradient: gradient, iterations: iterations, evaluations: evaluations, stop: .lineSearchFailed)
            }
            iterations += 1
            let s = zip(step.x, x).map { $0 - $1 }
            let y = zip(step.gradient, gradient).map { $0 - $1 }
            pairs.push(step: s, change: y)
            let reduction = value - step.value
            let previous = value
            x = step.x
            value = step.value
            gradient = step.gradient
            if reduction <= relativeTolerance * max(abs(previous), abs(value), 1) {
                return Result(x: x, value: value, gradient: gradient, iterations: iterations, evaluations: evaluations, stop: .relativeReduction)
            }
        }
    }

    // MARK: - Helpers

    static func project(_ x: [Double], _ lower: [Double], _ upper: [Double]) -> [Double] {
        var y = x
        for i in y.indices { y[i] = min(max(y[i].isNaN ? lower[i] : y[i], lower[i]), upper[i]) }
        return y
    }

    /// `max |P(x - g) - x|`, zero exactly at a first-order optimum of the box problem.
    static func projectedGradientNorm(_ x: [Double], _ g: [Double], _ lower: [Double], _ upper: [Double]) -> Double {
        var norm = 0.0
        for i in x.indices {
            let moved = min(max(x[i] - g[i], lower[i]), upper[i])
            norm = max(norm, abs(moved - x[i]))
        }
        return norm
    }

    /// Variables not held at a bound by their gradient.
    static func freeMask(_ x: [Double], _ g: [Double], _ lower: [Double], _ upper: [Double]) -> [Bool] {
        x.indices.map { i in
            !((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0))
        }
    }

    static func masked(_ v: [Double], _ mask: [Bool]) -> [Double] {
        var w = v
        for i in w.indices where !mask[i] { w[i] = 0 }
        return w
    }
}
