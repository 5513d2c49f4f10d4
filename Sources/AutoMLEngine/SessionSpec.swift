import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies

/// Everything that defines a session at creation: journaled as its first event.
public struct SessionSpec: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var strategyName: String
    public var strategyOptions: JSON?
    public var space: SearchSpace
    public var objectives: [Objective]
    public var seed: UInt64
    /// An early-stopping rule for `trial/report`: `{name, options?}`.
    public var pruner: JSON?

    public init(
        id: String, name: String?, strategyName: String, strategyOptions: JSON?, space: SearchSpace,
        objectives: [Objective], seed: UInt64, pruner: JSON? = nil
    ) {
        self.id = id
        self.name = name
        self.strategyName = strategyName
        self.strategyOptions = strategyOptions
        self.space = space
        self.objectives = objectives
        self.seed = seed
        self.pruner = pruner
    }

    /// The strategy as `session/create` took it: `{name, options?}`.
    public var strategyJSON: JSON {
        var object: JSONObject = ["name": .string(strategyName)]
        if let strategyOptions { object["options"] = strategyOptions }
        return .object(object)
    }

    public var objectivesJSON: JSON {
        .array(objectives.map { .object(["name": .string($0.name), "goal": .string($0.goal.rawValue)]) })
    }

    /// A session id is a file name: letters, digits, `.`, `_` and `-`, at most 64, not starting with `.`.
    public static func isValidId(_ id: String) -> Bool {
        guard let first = id.utf8.first, id.utf8.count <= 64, first != UInt8(ascii: ".") else { return false }
        return id.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
