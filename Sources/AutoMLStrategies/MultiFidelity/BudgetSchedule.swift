import AutoMLJSON

#if canImport(Glibc)
import Glibc
#endif

/// The budgets of multi-fidelity strategies: `minBudget`, `maxBudget` and the reduction factor
/// `eta`, and Hyperband's brackets derived from them.
///
/// Budgets are whatever the evaluator counts (epochs, iterations, a data fraction). With
/// R = maxBudget / minBudget and s_max = floor(log_eta R), bracket s (s_max down to 0) starts
/// n = ceil((s_max + 1) / (s + 1) * eta^s) configurations at budget maxBudget * eta^-s and keeps
/// the best 1/eta at each rung (Li et al. 2018, Algorithm 1). For R = 81, eta = 3: 81x1, 34x3,
/// 15x9, 8x27, 5x81.
public struct BudgetSchedule: Sendable, Hashable {
    public let minBudget: Double
    public let maxBudget: Double
    public let eta: Double

    /// Options as clients write them; every strategy here decodes these three.
    public struct Options: Decodable, Sendable {
        public var minBudget: Double?
        public var maxBudget: Double?
        public var eta: Double?
    }

    /// The options' part of a JSON Schema, shared by the strategies' `optionsSchema`.
    public static let schemaProperties: JSONObject = [
        "minBudget": ["type": "number", "exclusiveMinimum": 0, "default": 1, "description": "The smallest budget handed out."],
        "maxBudget": ["type": "number", "exclusiveMinimum": 0, "default": 81, "description": "The largest budget (a full evaluation)."],
        "eta": ["type": "number", "minimum": 2, "default": 3, "description": "Keep the best 1/eta at each rung; budgets grow by eta."],
    ]

    public init(minBudget: Double = 1, maxBudget: Double = 81, eta: Double = 3) throws {
        let path = "params.strategy.options"
        guard minBudget.isFinite, minBudget > 0 else {
            throw JSONFieldError(path: "\(path).minBudget", reason: "expected a positive number")
        }
        guard maxBudget.isFinite, maxBudget >= minBudget else {
            throw JSONFieldError(path: "\(path).maxBudget", reason: "expected a number no smaller than minBudget (\(minBudget))")
        }
        guard eta.isFinite, eta >= 2 else {
            throw JSONFieldError(path: "\(path).eta", reason: "expected a number of at least 2")
        }
        self.minBudget = minBudget
        self.maxBudget = maxBudget
        self.eta = eta
    }

    public init(_ options: Options) throws {
        try self.init(minBudget: options.minBudget ?? 1, maxBudget: options.maxBudget ?? 81, eta: options.eta ?? 3)
    }

    /// s_max = floor(log_eta(maxBudget / minBudget)), with a little slack for rounding.
    public var sMax: Int {
        Int((log(maxBudget / minBudget) / log(eta) + 1e-9).rounded(.down))
    }

    /// One successive-halving bracket: configurations and budget per rung.
    public struct Bracket: Sendable, Hashable {
        public var sizes: [Int]
        public var budgets: [Double]
    }

    /// Hyperband's bracket `s` (0...sMax).
    public func hyperbandBracket(_ s: Int) -> Bracket {
        let smax = sMax
        let n = Int((Double(smax + 1) / Double(s + 1) * pow(eta, Double(s))).rounded(.up) + 1e-9)
        return successiveHalving(configurations: n, rungs: s + 1)
    }

    /// A successive-halving bracket of `configurations` at the first of `rungs` rungs, the last at
    /// `maxBudget`: rung i keeps floor(n / eta^i) configurations at maxBudget * eta^(i - rungs + 1).
    public func successiveHalving(configurations n: Int, rungs: Int) -> Bracket {
        var sizes: [Int] = []
        var budgets: [Double] = []
        for i in 0..<rungs {
            sizes.append(max(1, Int((Double(n) / pow(eta, Double(i)) + 1e-9).rounded(.down))))
            budgets.append(maxBudget * pow(eta, Double(i - rungs + 1)))
        }
        return Bracket(sizes: sizes, budgets: budgets)
    }

    /// Hyperband's brackets in the order they run: s_max down to 0.
    public var hyperbandBrackets: [Bracket] {
        (0...sMax).reversed().map(hyperbandBracket)
    }
}
