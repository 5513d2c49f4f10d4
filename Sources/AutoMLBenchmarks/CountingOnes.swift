import AutoMLJSON
import AutoMLNumerics

/// The counting-ones problem of the BOHB paper: 8 binary categorical and 8 continuous parameters
/// in [0, 1]; at budget b, f(x, b) = -(sum of the categoricals + sum over the continuous x_i of the
/// mean of b Bernoulli(x_i) draws). The optimum, all ones, is -16; more budget means less noise.
///
/// References: Falkner, Klein & Hutter, BOHB, ICML 2018, section 5.1.
public enum CountingOnes {
    public static let categoricalCount = 8
    public static let continuousCount = 8
    public static let optimum = -16.0

    public static var spaceJSON: JSON {
        var params: [JSON] = []
        for i in 0..<categoricalCount {
            params.append(["name": .string("c\(i)"), "type": "categorical", "choices": [0, 1]])
        }
        for i in 0..<continuousCount {
            params.append(["name": .string("x\(i)"), "type": "float", "low": 0.0, "high": 1.0])
        }
        return ["params": .array(params)]
    }

    /// The noise-free value: -(sum of categoricals + sum of the x_i).
    public static func expected(_ config: JSONObject) -> Double {
        -(categoricalSum(config) + (0..<continuousCount).reduce(0) { $0 + (config["x\($1)"]?.doubleValue ?? 0) })
    }

    /// A noisy evaluation at `budget` (rounded to whole draws); `rng` makes it reproducible.
    public static func evaluate(_ config: JSONObject, budget: Double, rng: inout SeededGenerator) -> Double {
        let draws = max(1, Int(budget.rounded()))
        var total = categoricalSum(config)
        for i in 0..<continuousCount {
            let p = config["x\(i)"]?.doubleValue ?? 0
            var successes = 0
            for _ in 0..<draws where rng.nextUnit() < p { successes += 1 }
            total += Double(successes) / Double(draws)
        }
        return -total
    }

    static func categoricalSum(_ config: JSONObject) -> Double {
        (0..<categoricalCount).reduce(0) { $0 + (config["c\($1)"]?.doubleValue ?? 0) }
    }
}
