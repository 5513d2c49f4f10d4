import AutoMLJSON

/// Stops a trial whose reported value has not improved for `patience` steps (by more than
/// `minDelta`); with `wrapped`, it then asks that pruner instead of stopping outright.
///
/// References: Prechelt, "Early Stopping — But When?", 1998; Optuna's PatientPruner.
public struct PatiencePruner: Pruner {
    public struct Options: Decodable, Sendable {
        public var patience: Int?
        public var minDelta: Double?
        public var objective: Int?
        /// Another pruner consulted once patience runs out: `{name, options}`.
        public var wrapped: PrunerRef?
    }

    /// A pruner as options name it.
    public struct PrunerRef: Decodable, Sendable {
        public var name: String
        public var options: JSON?
    }

    public static let name = "patience"
    public static let summary = "Stop a trial that has not improved for `patience` reports (or ask a wrapped pruner then)."
    public static let optionsSchema: JSON = [
        "type": "object",
        "properties": [
            "patience": ["type": "integer", "minimum": 0, "description": "Reports without improvement tolerated."],
            "minDelta": ["type": "number", "minimum": 0, "default": 0],
            "objective": ["type": "integer", "minimum": 0, "default": 0],
            "wrapped": ["type": "object", "properties": ["name": ["type": "string"], "options": ["type": "object"]], "required": ["name"]],
        ],
        "required": ["patience"],
        "additionalProperties": false,
    ]

    let patience: Int
    let minDelta: Double
    let objective: PrunedObjective
    let wrapped: AnyPruner?

    public init(objectives: [Objective], options: Options) throws {
        let path = "params.pruner.options"
        guard let patience = options.patience, patience >= 0 else {
            throw JSONFieldError(path: "\(path).patience", reason: "required: a non-negative integer")
        }
        self.patience = patience
        minDelta = options.minDelta ?? 0
        guard minDelta >= 0 else { throw JSONFieldError(path: "\(path).minDelta", reason: "expected a non-negative number") }
        objective = try PrunedObjective(objectives: objectives, index: options.objective, path: path)
        if let wrapped = options.wrapped {
            guard wrapped.name != Self.name else {
                throw JSONFieldError(path: "\(path).wrapped.name", reason: "a patience pruner cannot wrap another one")
            }
            self.wrapped = try PrunerRegistry.make(name: wrapped.name, options: wrapped.options, objectives: objectives, path: "\(path).wrapped")
        } else {
            self.wrapped = nil
        }
    }

    public func decide(_ trial: TrialRecord, history: [TrialRecord]) -> PruneDecision {
        let losses = trial.intermediate.map { objective.loss($0.value) }
        guard losses.count > patience + 1 else { return .continue }
        let before = losses.dropLast(patience + 1).min() ?? .infinity
        let recent = losses.suffix(patience + 1).min() ?? .infinity
        guard recent > before - minDelta else { return .continue }
        return wrapped?.decide(trial, history: history) ?? .prune
    }
}
