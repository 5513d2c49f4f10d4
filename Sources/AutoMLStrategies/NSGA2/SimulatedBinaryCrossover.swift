import AutoMLNumerics
import Foundation

/// Simulated binary crossover (SBX) of two reals in [0, 1], in its bounded form.
///
/// Notation: parents `y1 ≤ y2`, distribution index `η` (large: children near their parents).
/// For each side the spread factor `β = 1 + 2·(distance to the bound)/(y2 − y1)` limits how far a
/// child may land, `α = 2 − β^−(η+1)`, and with one uniform `u` the contraction is
/// `βq = (u·α)^(1/(η+1))` when `u ≤ 1/α`, else `(1/(2 − u·α))^(1/(η+1))`; children are
/// `½((y1 + y2) ∓ βq·(y2 − y1))`, clamped to [0, 1], swapped with probability ½.
///
/// References: Deb & Agrawal, "Simulated Binary Crossover for Continuous Search Space",
/// Complex Systems 9, 1995; the bounded variant as in Deb et al.'s NSGA-II (2002).
public enum SimulatedBinaryCrossover {
    public static func children(_ a: Double, _ b: Double, eta: Double, rng: inout SeededGenerator) -> (Double, Double) {
        let y1 = min(a, b), y2 = max(a, b)
        guard y2 - y1 > 1e-14 else { return (a, b) }
        let u = rng.nextUnit()
        let exponent = 1 / (eta + 1)
        func contraction(_ beta: Double) -> Double {
            let alpha = 2 - pow(beta, -(eta + 1))
            return u <= 1 / alpha ? pow(u * alpha, exponent) : pow(1 / (2 - u * alpha), exponent)
        }
        let low = contraction(1 + 2 * y1 / (y2 - y1))
        let high = contraction(1 + 2 * (1 - y2) / (y2 - y1))
        var c1 = 0.5 * ((y1 + y2) - low * (y2 - y1))
        var c2 = 0.5 * ((y1 + y2) + high * (y2 - y1))
        c1 = min(max(c1, 0), 1)
        c2 = min(max(c2, 0), 1)
        return rng.nextUnit() < 0.5 ? (c2, c1) : (c1, c2)
    }
}

/// Polynomial mutation of a real in [0, 1], in its bounded form.
///
/// Notation: `δ1 = y`, `δ2 = 1 − y` (distances to the bounds), distribution index `η`, one
/// uniform `u`: for `u ≤ ½`, `δq = (2u + (1 − 2u)(1 − δ1)^(η+1))^(1/(η+1)) − 1`; otherwise
/// `δq = 1 − (2(1 − u) + 2(u − ½)(1 − δ2)^(η+1))^(1/(η+1))`; the child is `y + δq`, which stays in
/// [0, 1] (clamped against rounding).
///
/// References: Deb & Goyal, "A Combined Genetic Adaptive Search (GeneAS) for Engineering
/// Design", 1996; Deb, "Multi-Objective Optimization using Evolutionary Algorithms", 2001.
public enum PolynomialMutation {
    public static func mutate(_ y: Double, eta: Double, rng: inout SeededGenerator) -> Double {
        let u = rng.nextUnit()
        let exponent = 1 / (eta + 1)
        let delta: Double
        if u <= 0.5 {
            let value = 2 * u + (1 - 2 * u) * pow(1 - y, eta + 1)
            delta = pow(value, exponent) - 1
        } else {
            let value = 2 * (1 - u) + 2 * (u - 0.5) * pow(y, eta + 1)
            delta = 1 - pow(value, exponent)
        }
        return min(max(y + delta, 0), 1)
    }
}
