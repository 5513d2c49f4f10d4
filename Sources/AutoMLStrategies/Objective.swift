import AutoMLJSON

/// One value the evaluator reports, and whether lower or higher is better.
public struct Objective: Sendable, Hashable, Codable {
    public enum Goal: String, Sendable, Hashable, Codable, CaseIterable {
        case minimize, maximize

        public init(from decoder: any Decoder) throws {
            let raw = try decoder.singleValueContainer().decode(String.self)
            guard let goal = Goal(rawValue: raw) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected \"minimize\" or \"maximize\", found \"\(raw)\""))
            }
            self = goal
        }
    }

    public var name: String
    public var goal: Goal

    public init(name: String, goal: Goal = .minimize) {
        self.name = name
        self.goal = goal
    }

    /// The session default: one value, minimized.
    public static let defaultList = [Objective(name: "value", goal: .minimize)]

    /// The value turned into a loss: lower is better whatever the goal.
    public func loss(_ value: Double) -> Double {
        goal == .minimize ? value : -value
    }
}

extension Array where Element == Objective {
    /// Losses for a vector of values, one per objective (lower is better in every coordinate).
    public func losses(_ values: [Double]) -> [Double] {
        zip(self, values).map { $0.loss($1) }
    }

    /// True when `a` Pareto-dominates `b`: no worse in every objective and better in one.
    public func dominates(_ a: [Double], _ b: [Double]) -> Bool {
        let la = losses(a), lb = losses(b)
        var strictlyBetter = false
        for (x, y) in zip(la, lb) {
            if x > y { return false }
            if x < y { strictlyBetter = true }
        }
        return strictlyBetter
    }
}
