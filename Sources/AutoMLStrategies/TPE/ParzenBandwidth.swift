/// The bandwidth rule of TPE's Parzen estimators (Bergstra et al. 2011, as Optuna 5 applies it
/// to univariate and multivariate estimators alike), on a numeric dimension rescaled to `[0, 1]`.
///
/// Each kernel's standard deviation is the larger of the gaps to its neighbours in sorted order,
/// the domain's ends counting as neighbours. Without `considerEndpoints` the first and last
/// kernels use only their inner gap (a lone point near an end would otherwise get a huge
/// kernel). The "magic clip" then bounds every deviation to
/// `[1 / min(100, 1 + kernels), 1]`, kernels counting the prior: kernels never get narrower
/// than 1% of the range, nor narrower than the spacing `kernels` evenly spread points would have.
/// The prior kernel itself is `N(1/2, 1)`.
enum ParzenBandwidth {
    /// The prior kernel's mean and standard deviation on `[0, 1]`.
    static let priorMean = 0.5
    static let priorSD = 1.0

    /// The smallest deviation the magic clip allows for `observations` kernels plus the prior.
    static func minimumSD(observations: Int) -> Double {
        1 / min(100, Double(observations + 2))
    }

    /// Standard deviations for values given in ascending order, in that same order.
    ///
    /// - Parameters:
    ///   - sorted: the kernel means in `[0, 1]`, ascending; `count` of them are read.
    ///   - considerEndpoints: let the domain ends widen the first and last kernels.
    ///   - output: receives `count` deviations, written from index 0.
    static func deviations(
        sorted: UnsafeBufferPointer<Double>, considerEndpoints: Bool, output: UnsafeMutableBufferPointer<Double>
    ) {
        let m = sorted.count
        guard m > 0 else { return }
        let lowest = minimumSD(observations: m)
        for r in 0..<m {
            let previous = r == 0 ? 0 : sorted[r - 1]
            let next = r == m - 1 ? 1 : sorted[r + 1]
            output[r] = max(sorted[r] - previous, next - sorted[r])
        }
        if !considerEndpoints && m >= 2 {
            output[0] = sorted[1] - sorted[0]
            output[m - 1] = sorted[m - 1] - sorted[m - 2]
        }
        for r in 0..<m {
            output[r] = min(max(output[r], lowest), 1)
        }
    }

    /// `deviations` on arrays, for tests and small sets.
    static func deviations(sorted: [Double], considerEndpoints: Bool) -> [Double] {
        var output = [Double](repeating: 0, count: sorted.count)
        sorted.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { deviations(sorted: input, considerEndpoints: considerEndpoints, output: $0) }
        }
        return output
    }
}
