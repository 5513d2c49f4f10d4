/// How many trials count as "good" (γ) and how much each observation weighs, as in Optuna.
enum TPEWeights {
    /// The number of good trials among `n` finished ones.
    ///
    /// - With a fixed `fraction`: `ceil(fraction · n)`, at most `n`.
    /// - One objective: `min(ceil(0.1 n), 25)` (Optuna's default; the cap keeps `l(x)` sharp when
    ///   thousands of trials have finished).
    /// - Several objectives: `ceil(0.1 n)`, uncapped (Optuna's MOTPE default).
    static func goodCount(finished n: Int, fraction: Double?, multiObjective: Bool) -> Int {
        guard n > 0 else { return 0 }
        if let fraction {
            return min(n, Int((fraction * Double(n)).rounded(.up)))
        }
        let tenth = Int((0.1 * Double(n)).rounded(.up))
        return multiObjective ? tenth : min(tenth, 25)
    }

    /// Weights of `n` observations ordered oldest first: all 1 when `n < 25`, else the newest
    /// 25 get 1 and the `n - 25` older ones ramp linearly from `1/n` (oldest) up to 1
    /// (Optuna's `default_weights`; Bergstra, Yamins & Cox 2013). Old trials fade so that the
    /// model follows where the search has moved.
    static func ramped(_ n: Int) -> [Double] {
        guard n >= 25 else { return [Double](repeating: 1, count: max(n, 0)) }
        let rampCount = n - 25
        var weights = [Double](repeating: 1, count: n)
        let first = 1 / Double(n)
        if rampCount == 1 {
            weights[0] = first
        } else if rampCount > 1 {
            let increment = (1 - first) / Double(rampCount - 1)
            for i in 0..<(rampCount - 1) { weights[i] = first + Double(i) * increment }
        }
        return weights
    }
}
