import Foundation
import Testing
@testable import AutoMLNumerics

/// Known optima, with and without active bounds.
@Suite struct BoundedLBFGSTests {
    static func rosenbrock(_ x: [Double], _ g: inout [Double]) -> Double {
        let a = 1 - x[0], b = x[1] - x[0] * x[0]
        g[0] = -2 * a - 400 * x[0] * b
        g[1] = 200 * b
        return a * a + 100 * b * b
    }

    @Test func reachesTheUnconstrainedRosenbrockMinimum() {
        let result = BoundedLBFGS().minimize(from: [-1.2, 1], lower: [-5, -5], upper: [5, 5], objective: Self.rosenbrock)
        #expect(result.converged)
        #expect(abs(result.x[0] - 1) < 1e-4)
        #expect(abs(result.x[1] - 1) < 1e-4)
        #expect(result.value < 1e-8)
    }

    @Test func stopsAtAnActiveBoundOnRosenbrock() {
        // With x₀ ≤ 0.5 the minimum is at (0.5, 0.25), on the bound, where ∂f/∂x₀ = -1 < 0.
        let result = BoundedLBFGS().minimize(from: [-1.2, 1], lower: [-2, -2], upper: [0.5, 2], objective: Self.rosenbrock)
        #expect(result.x[0] == 0.5)
        #expect(abs(result.x[1] - 0.25) < 1e-5)
        #expect(abs(result.value - 0.25) < 1e-8)
        #expect(result.gradient[0] < 0)
    }

    @Test func solvesABoundedIllConditionedQuadratic() {
        // f = Σ cᵢ (xᵢ - tᵢ)² with targets partly outside the box: the optimum clamps them.
        let scales = [1.0, 10, 100, 1000]
        let targets = [2.0, -3, 0.25, 0.7]
        let lower = [-1.0, -1, -1, -1], upper = [1.0, 1, 1, 0.5]
        let result = BoundedLBFGS(gradientTolerance: 1e-9).minimize(from: [0, 0, 0, 0], lower: lower, upper: upper) { x, g in
            var f = 0.0
            for i in 0..<4 {
                f += scales[i] * (x[i] - targets[i]) * (x[i] - targets[i])
                g[i] = 2 * scales[i] * (x[i] - targets[i])
            }
            return f
        }
        let expected = [1.0, -1, 0.25, 0.5]
        for i in 0..<4 { #expect(abs(result.x[i] - expected[i]) < 1e-7) }
    }

    @Test func projectsAStartOutsideTheBox() {
        let result = BoundedLBFGS().minimize(from: [10], lower: [0], upper: [1]) { x, g in
            g[0] = 2 * (x[0] - 0.3)
            return (x[0] - 0.3) * (x[0] - 0.3)
        }
        #expect(abs(result.x[0] - 0.3) < 1e-6)
    }

    @Test func reportsANonFiniteStart() {
        let result = BoundedLBFGS().minimize(from: [0], lower: [-1], upper: [1]) { _, _ in .nan }
        #expect(result.stop == .nonFiniteStart)
        #expect(result.evaluations == 1)
    }

    @Test func treatsNonFiniteTrialPointsAsTooHigh() {
        // log barrier: undefined left of 0; the minimum of x - log x is at 1.
        let result = BoundedLBFGS().minimize(from: [3], lower: [-5], upper: [5]) { x, g in
            guard x[0] > 0 else { return .nan }
            g[0] = 1 - 1 / x[0]
            return x[0] - log(x[0])
        }
        #expect(abs(result.x[0] - 1) < 1e-5)
    }

    @Test func aWarmMemorySavesEvaluationsOnANearbyProblem() {
        // Fit a shifted bowl, then a slightly moved one from the old optimum.
        let scales = [1.0, 30, 900]
        func bowl(_ center: Double) -> ([Double], inout [Double]) -> Double {
            { x, g in
                var f = 0.0
                for i in 0..<3 {
                    f += scales[i] * (x[i] - center) * (x[i] - center)
                    g[i] = 2 * scales[i] * (x[i] - center)
                }
                return f
            }
        }
        let optimizer = BoundedLBFGS(gradientTolerance: 1e-8)
        let box = (lower: [-5.0, -5, -5], upper: [5.0, 5, 5])
        var memory = LBFGSMemory(capacity: 10)
        let first = optimizer.minimize(from: [0, 0, 0], lower: box.lower, upper: box.upper, memory: &memory, objective: bowl(1))
        #expect(memory.count > 0)
        let cold = optimizer.minimize(from: first.x, lower: box.lower, upper: box.upper, objective: bowl(1.01))
        let warm = optimizer.minimize(from: first.x, lower: box.lower, upper: box.upper, memory: &memory, objective: bowl(1.01))
        #expect(abs(warm.x[2] - 1.01) < 1e-6)
        #expect(warm.evaluations < cold.evaluations)
        // Pairs of another length are dropped, not misapplied.
        var stale = memory
        let other = optimizer.minimize(from: [0], lower: [-1], upper: [1], memory: &stale) { x, g in
            g[0] = 2 * (x[0] - 0.5)
            return (x[0] - 0.5) * (x[0] - 0.5)
        }
        #expect(abs(other.x[0] - 0.5) < 1e-6)
    }
}
