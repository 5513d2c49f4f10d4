/// When a CMA-ES run has stopped making progress, so that a restart (IPOP) would serve better.
///
/// The criteria of Hansen's "The CMA Evolution Strategy: A Tutorial" (2016, appendix B.3) and
/// of the `cmaes` library, with tolerances stated for the unit cube the strategy works in:
/// - `tolFun`: over the last `10 + ⌈30n/λ⌉` generations, the best and worst values all lie
///   within `1e-12` (a flat landscape, or a fully converged discrete search);
/// - `tolX`: every coordinate's standard deviation `σ√C_ii` and every `σ p_c,i` is below
///   `1e-11`;
/// - `tolXUp`: `σ · max D` grew beyond `1e4 σ₀` (a diverging step size);
/// - `noEffectAxis`, `noEffectCoord`: adding a tenth of a principal axis or a fifth of a
///   coordinate's deviation to the mean does not change it (in floating point);
/// - `conditionCov`: the condition number of `C` exceeds `1e14`.
struct CMAESTermination: Sendable, Hashable {
    static let tolFun = 1e-12
    static let tolX = 1e-11
    static let tolXUpFactor = 1e4
    static let maxCondition = 1e14

    /// Generations of best/worst values kept for `tolFun`.
    let historyLength: Int
    /// Best and worst value of each of the last generations, oldest first.
    private(set) var bests: [Double] = []
    private(set) var worsts: [Double] = []

    init(dimension: Int, lambda: Int) {
        historyLength = 10 + (30 * dimension + lambda - 1) / lambda
    }

    /// Records a generation's best and worst values.
    mutating func record(best: Double, worst: Double) {
        bests.append(best)
        worsts.append(worst)
        if bests.count > historyLength {
            bests.removeFirst(bests.count - historyLength)
            worsts.removeFirst(worsts.count - historyLength)
        }
    }

    /// The name of the first criterion that holds for `distribution`, or nil to continue.
    func reason(_ distribution: CMAESDistribution, sigma0: Double) -> String? {
        let d = distribution
        let n = d.dimension
        if !d.isFinite { return "numerical breakdown" }
        if d.generation > historyLength, bests.count == historyLength,
            let low = bests.min(), let high = worsts.max(), high - low < Self.tolFun
        {
            return "tolFun"
        }
        let deviations = (0..<n).map { d.sigma * d.covariance[$0 * n + $0].squareRoot() }
        if deviations.allSatisfy({ $0 < Self.tolX }) && d.pathC.allSatisfy({ d.sigma * abs($0) < Self.tolX }) {
            return "tolX"
        }
        let largest = d.scales.max() ?? 1, smallest = d.scales.min() ?? 1
        if d.sigma * largest > Self.tolXUpFactor * sigma0 { return "tolXUp" }
        let axis = d.generation % n
        if (0..<n).allSatisfy({ d.mean[$0] == d.mean[$0] + 0.1 * d.sigma * d.scales[axis] * d.basis[$0 * n + axis] }) {
            return "noEffectAxis"
        }
        if (0..<n).contains(where: { d.mean[$0] == d.mean[$0] + 0.2 * deviations[$0] }) { return "noEffectCoord" }
        if smallest <= 0 || (largest / smallest) * (largest / smallest) > Self.maxCondition { return "conditionCov" }
        return nil
    }
}
