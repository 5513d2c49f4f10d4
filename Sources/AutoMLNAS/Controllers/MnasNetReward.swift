import Foundation

/// MnasNet's multi-objective reward (Tan et al. 2019, eq. 2):
/// `ACC(m) × (LAT(m) / T)^w` with `w = α` when `LAT(m) ≤ T`, else `β`.
///
/// With α = β = −0.07 (the paper's soft constraint) a network twice as fast as another earns
/// about 5% more reward at equal accuracy, on both sides of the target T. α = 0, β = −1 makes
/// the target a hard constraint: no gain below T, a steep penalty above it.
public struct MnasNetReward: Sendable, Hashable {
    /// T, the target latency in milliseconds.
    public var targetLatencyMs: Double
    public var alpha: Double
    public var beta: Double

    public static let paperExponent = -0.07

    public init(targetLatencyMs: Double, alpha: Double = paperExponent, beta: Double = paperExponent) {
        self.targetLatencyMs = targetLatencyMs
        self.alpha = alpha
        self.beta = beta
    }

    /// The reward, nil when the accuracy is not finite or the latency is not a positive finite number.
    public func reward(accuracy: Double, latencyMs: Double) -> Double? {
        guard accuracy.isFinite, latencyMs.isFinite, latencyMs > 0 else { return nil }
        let exponent = latencyMs <= targetLatencyMs ? alpha : beta
        let value = accuracy * pow(latencyMs / targetLatencyMs, exponent)
        return value.isFinite ? value : nil
    }
}
