/// The perturbation radius of DYCORS and its success/failure adaptation.
///
/// Candidate points perturb the best point by `σ · N(0, 1)` in unit-cube units. After
/// `successTolerance` consecutive improvements the radius doubles (up to `maximum`); after
/// `failureTolerance` consecutive non-improvements it halves. Once it falls below `minimum`
/// (2⁻¹⁰ of the start; the papers use 2⁻⁶, which at budgets of a hundred trials ends runs
/// before they have refined their best point) the local search has collapsed and the strategy
/// restarts.
/// An improvement must beat the best by `1e-3 |best|`, so that tiny gains count as failures.
///
/// Reference: Regis & Shoemaker, "Combining radial basis function surrogates and dynamic
/// coordinate search in high-dimensional expensive black-box optimization", Eng. Optim. 2013.
struct DYCORSStep: Sendable, Hashable {
    static let initial = 0.2
    static let maximum = 0.2
    static let minimum = 0.2 / 1024
    static let successTolerance = 3

    /// `max(5, d)` consecutive failures halve the radius.
    let failureTolerance: Int
    private(set) var sigma = DYCORSStep.initial
    private(set) var successes = 0
    private(set) var failures = 0

    init(dimension: Int) {
        failureTolerance = max(5, dimension)
    }

    /// Whether `loss` improves on `best` by the required relative amount.
    static func improves(_ loss: Double, on best: Double) -> Bool {
        loss < best - 1e-3 * abs(best)
    }

    /// Counts one evaluation of a perturbed point; returns true when the radius collapsed.
    mutating func record(improved: Bool) -> Bool {
        if improved {
            successes += 1
            failures = 0
        } else {
            failures += 1
            successes = 0
        }
        if successes >= Self.successTolerance {
            sigma = min(2 * sigma, Self.maximum)
            successes = 0
        }
        if failures >= failureTolerance {
            sigma /= 2
            failures = 0
        }
        return sigma < Self.minimum
    }
}
