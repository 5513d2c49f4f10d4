import Foundation

/// NetScore (Wong 2018): one number that balances accuracy against size and compute, for
/// comparing networks meant for small devices.
///
/// `Ω = 20 · log10(a^α / (p^β · m^γ))` with `a` the top-1 accuracy in percent, `p` the
/// parameters in millions and `m` the multiply-accumulates per inference in millions; the
/// paper's exponents are α = 2, β = γ = 0.5, so accuracy counts twice as much as either cost.
/// Higher is better. A network with no parameters or no MACs has no finite score (nil).
public enum NetScore {
    public static let accuracyExponent = 2.0
    public static let parameterExponent = 0.5
    public static let macExponent = 0.5

    /// - Parameters:
    ///   - accuracy: the fraction of correct answers, in [0, 1] (converted to percent here).
    ///   - parameters: the parameter count.
    ///   - macs: multiply-accumulates for one sample.
    public static func score(accuracy: Double, parameters: Int, macs: Int) -> Double? {
        guard accuracy > 0, accuracy.isFinite, parameters > 0, macs > 0 else { return nil }
        let a = accuracy * 100
        let p = Double(parameters) / 1e6
        let m = Double(macs) / 1e6
        return 20 * (accuracyExponent * log10(a) - parameterExponent * log10(p) - macExponent * log10(m))
    }
}
