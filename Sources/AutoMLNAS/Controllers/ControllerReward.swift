import AutoMLJSON
import AutoMLStrategies

/// How `nas-reinforce` and `nas-ppo` turn a told value (the first objective's) into a reward.
public enum ControllerReward: String, Sendable, Hashable, CaseIterable {
    /// The negated loss: the value when the objective is maximized, its negation when minimized
    /// (default), so that a better trial always earns more.
    case negativeLoss
    /// The told value as it is, read as an accuracy (higher is better) whatever the objective's
    /// goal: Zoph & Le's reward, the validation accuracy.
    case accuracy

    /// The reward of a trial, nil when it has no finite first value.
    public func reward(_ trial: TrialRecord, objective: Objective) -> Double? {
        guard let value = trial.values?.first, value.isFinite else { return nil }
        switch self {
        case .negativeLoss: return -objective.loss(value)
        case .accuracy: return value
        }
    }

    /// Reads the `reward` option (nil: `negativeLoss`).
    public init(option: String?, path: String) throws {
        guard let option else {
            self = .negativeLoss
            return
        }
        guard let reward = ControllerReward(rawValue: option) else {
            throw JSONFieldError(path: JSONPath.member(path, "reward"), reason: "expected \"negativeLoss\" or \"accuracy\", not \"\(option)\"")
        }
        self = reward
    }

    /// The option's JSON Schema.
    public static let schema: JSON = [
        "type": "string", "enum": ["negativeLoss", "accuracy"], "default": "negativeLoss",
        "description": "negativeLoss: the first objective's value, negated when it is minimized; accuracy: the told value as is.",
    ]
}
