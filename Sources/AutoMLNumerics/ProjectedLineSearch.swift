/// The backtracking search along the projected path `P(x + α d)` used by `BoundedLBFGS`.
///
/// Accepts the first `α` with `f(P(x + α d)) ≤ f(x) + c₁ gᵀ(P(x + α d) - x)` (Armijo, `c₁ =
/// 1e-4`); after a rejection the next `α` minimizes the quadratic through `f(x)`, the slope and
/// the rejected value, kept within `[0.1 α, 0.5 α]`. Gives up after 20 trials, when the
/// projected step falls below `1e-12` relative to the iterate (the objective's rounding noise
/// then hides any decrease), or when it would not descend.
struct LineSearch {
    let x: [Double]
    let value: Double
    let gradient: [Double]
    let lower: [Double]
    let upper: [Double]
    /// Objective evaluations made by the last `run`.
    var evaluations = 0

    struct Outcome {
        var x: [Double]
        var value: Double
        var gradient: [Double]
    }

    init(x: [Double], value: Double, gradient: [Double], lower: [Double], upper: [Double]) {
        self.x = x
        self.value = value
        self.gradient = gradient
        self.lower = lower
        self.upper = upper
    }

    mutating func run(
        direction: [Double], initialStep: Double, budget: Int,
        objective: (_ x: [Double], _ gradient: inout [Double]) -> Double
    ) -> Outcome? {
        evaluations = 0
        var alpha = initialStep
        var trialGradient = [Double](repeating: 0, count: x.count)
        for _ in 0..<20 {
            guard evaluations < budget else { return nil }
            var trial = x
            var moved = 0.0
            var slope = 0.0
            for i in trial.indices {
                trial[i] = min(max(x[i] + alpha * direction[i], lower[i]), upper[i])
                let delta = trial[i] - x[i]
                moved = max(moved, abs(delta) / max(1, abs(x[i])))
                slope += gradient[i] * delta
            }
            guard moved > 1e-12, slope < 0 else { return nil }
            for i in trialGradient.indices { trialGradient[i] = 0 }
            let trialValue = objective(trial, &trialGradient)
            evaluations += 1
            if trialValue.isFinite, trialGradient.allSatisfy(\.isFinite), trialValue <= value + 1e-4 * slope {
                return Outcome(x: trial, value: trialValue, gradient: trialGradient)
            }
            var next = 0.5 * alpha
            if trialValue.isFinite {
                // Quadratic through f(0) = value, f'(0) = slope / α and f(α) = trialValue.
                let curvature = trialValue - value - slope
                if curvature > 0 { next = min(max(-slope * alpha / (2 * curvature), 0.1 * alpha), 0.5 * alpha) }
            }
            alpha = next
        }
        return nil
    }
}
