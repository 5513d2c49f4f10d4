import AutoMLJSON

extension TPE {
    /// Options as the client writes them in `session/create`'s `strategy.options`; every field
    /// is optional (defaults as in Optuna 5's `TPESampler`, with `group` on).
    public struct Options: Decodable, Sendable {
        /// Random trials before the model takes over (default 10).
        public var startupTrials: Int?
        /// Candidates drawn from `l(x)` per suggestion (default 24).
        public var eiCandidates: Int?
        /// Model parameters jointly (default true) rather than one at a time.
        public var multivariate: Bool?
        /// Decompose a conditional space into groups always active together (default: the value
        /// of `multivariate`; needs it).
        public var group: Bool?
        /// Count pending trials among the bad ones (default true).
        public var constantLiar: Bool?
        /// Weight of the prior kernel relative to one observation (default 1).
        public var priorWeight: Double?
        /// Let the domain ends widen the outermost kernels (default false).
        public var considerEndpoints: Bool?
        /// Fixed fraction of good trials, in (0, 1] (default: `min(ceil(0.1 n), 25)` trials for
        /// one objective, `ceil(0.1 n)` for several).
        public var gamma: Double?

        public init(
            startupTrials: Int? = nil, eiCandidates: Int? = nil, multivariate: Bool? = nil, group: Bool? = nil,
            constantLiar: Bool? = nil, priorWeight: Double? = nil, considerEndpoints: Bool? = nil, gamma: Double? = nil
        ) {
            self.startupTrials = startupTrials
            self.eiCandidates = eiCandidates
            self.multivariate = multivariate
            self.group = group
            self.constantLiar = constantLiar
            self.priorWeight = priorWeight
            self.considerEndpoints = considerEndpoints
            self.gamma = gamma
        }
    }

    /// The options with defaults applied and values checked.
    struct Settings: Sendable, Hashable {
        var startupTrials = 10
        var eiCandidates = 24
        var multivariate = true
        var group = true
        var constantLiar = true
        var priorWeight = 1.0
        var considerEndpoints = false
        var gamma: Double?

        static let maxStartupTrials = 1_000_000
        static let maxCandidates = 100_000

        init(_ options: Options) throws {
            let path = "params.strategy.options"
            if let value = options.startupTrials {
                guard (0...Self.maxStartupTrials).contains(value) else {
                    throw JSONFieldError(path: "\(path).startupTrials", reason: "expected an integer from 0 to \(Self.maxStartupTrials)")
                }
                startupTrials = value
            }
            if let value = options.eiCandidates {
                guard (1...Self.maxCandidates).contains(value) else {
                    throw JSONFieldError(path: "\(path).eiCandidates", reason: "expected an integer from 1 to \(Self.maxCandidates)")
                }
                eiCandidates = value
            }
            multivariate = options.multivariate ?? true
            group = options.group ?? multivariate
            if group && !multivariate {
                throw JSONFieldError(path: "\(path).group", reason: "group needs multivariate to be true")
            }
            constantLiar = options.constantLiar ?? true
            if let value = options.priorWeight {
                guard value.isFinite && value >= 0 else {
                    throw JSONFieldError(path: "\(path).priorWeight", reason: "expected a finite number >= 0")
                }
                priorWeight = value
            }
            considerEndpoints = options.considerEndpoints ?? false
            if let value = options.gamma {
                guard value > 0 && value <= 1 else {
                    throw JSONFieldError(path: "\(path).gamma", reason: "expected a fraction in (0, 1]")
                }
                gamma = value
            }
        }
    }

    public static let optionsSchema: JSON = [
        "type": "object",
        "properties": [
            "startupTrials": [
                "type": "integer", "minimum": 0, "maximum": .int(Int64(Settings.maxStartupTrials)), "default": 10,
                "description": "Random trials (complete or pruned) before the model takes over.",
            ],
            "eiCandidates": [
                "type": "integer", "minimum": 1, "maximum": .int(Int64(Settings.maxCandidates)), "default": 24,
                "description": "Candidates drawn from l(x) per suggestion; the best l(x)/g(x) wins.",
            ],
            "multivariate": [
                "type": "boolean", "default": true, "description": "Model parameters jointly (multivariate kernels) rather than one at a time.",
            ],
            "group": [
                "type": "boolean",
                "description": "Decompose a conditional space into groups of parameters active together, each modelled jointly. Default: the value of multivariate, which it needs.",
            ],
            "constantLiar": [
                "type": "boolean", "default": true, "description": "Count pending trials among the bad ones, so parallel asks spread out.",
            ],
            "priorWeight": [
                "type": "number", "minimum": 0, "default": 1.0, "description": "Weight of the broad prior kernel relative to one observation.",
            ],
            "considerEndpoints": [
                "type": "boolean", "default": false, "description": "Let the domain ends widen the outermost kernels.",
            ],
            "gamma": [
                "type": "number", "exclusiveMinimum": 0, "maximum": 1,
                "description": "Fixed fraction of good trials. Default: min(ceil(0.1 n), 25) for one objective, ceil(0.1 n) for several.",
            ],
        ],
        "additionalProperties": false,
    ]
}
