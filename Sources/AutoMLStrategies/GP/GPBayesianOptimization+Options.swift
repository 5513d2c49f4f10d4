import AutoMLJSON

extension GPBayesianOptimization {
    /// Options as clients write them in `session/create`'s `strategy.options`; every field is
    /// optional and unknown names are rejected.
    public struct Options: Decodable, Sendable {
        /// `logei` (default), `ei`, `pi`, `ucb` or `mes`.
        public var acquisition: String?
        /// `β` of UCB (default 4: two standard deviations).
        public var ucbBeta: Double?
        /// Complete trials needed before the GP is used (default 10).
        public var startupTrials: Int?
        /// How the startup trials are drawn: `sobol` (default, scrambled) or `random`.
        public var startup: String?
        /// Quasi-random candidates scored per suggestion (default 256: 512 measured the same
        /// regret on the five test problems over 60 seeds, at twice the scoring cost).
        public var candidates: Int?
        /// Candidates refined by local search: the best one and others drawn by roulette on
        /// their acquisition values, besides the best observed point (default 5).
        public var seedCount: Int?
        /// `map` (default): maximum a posteriori hyper-parameters; `slice`: integrate the
        /// acquisition over slice-sampled hyper-parameters.
        public var hyperparameters: String?
        /// Hyper-parameter samples for `slice` (default 8).
        public var sampleCount: Int?
        /// Random starting points screened for the first MAP fit, besides the default (default 4).
        public var fitRestarts: Int?
        /// Refit the MAP hyper-parameters when the complete trials have grown by this fraction
        /// since the last fit (default 0.05; 0 refits at every suggestion). In between, the last
        /// hyper-parameters are kept and the covariance factor grows by the new trials.
        public var refitFraction: Double?
        /// Divide expected improvement by the cost predicted by a GP on log costs (default false).
        public var costAware: Bool?
        /// Samples of the minimum value for `mes` (default 16).
        public var mesSamples: Int?
        /// The objective is noise-free: pin the noise variance at its floor (default false).
        public var deterministic: Bool?
        /// Output warping before the GP: `power` (default, a fitted Yeo-Johnson transform) or
        /// `none` (standardization only).
        public var warping: String?
    }

    /// The options, validated, with defaults filled in.
    struct Settings: Sendable, Hashable {
        var acquisition: AcquisitionFunction.Kind = .logEI
        var ucbBeta = 4.0
        var startupTrials = 10
        var sobolStartup = true
        var candidates = 256
        var seedCount = 5
        var sliceSampling = false
        var sampleCount = 8
        var fitRestarts = 4
        var refitFraction = 0.05
        var costAware = false
        var mesSamples = 16
        var deterministic = false
        var powerWarping = true

        init(_ options: Options) throws {
            func path(_ name: String) -> String { "params.strategy.options.\(name)" }
            func integer(_ value: Int?, _ name: String, _ range: ClosedRange<Int>, default fallback: Int) throws -> Int {
                guard let value else { return fallback }
                guard range.contains(value) else {
                    throw JSONFieldError(path: path(name), reason: "expected an integer from \(range.lowerBound) to \(range.upperBound)")
                }
                return value
            }
            if let name = options.acquisition {
                guard let kind = AcquisitionFunction.Kind(rawValue: name) else {
                    let known = AcquisitionFunction.Kind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                    throw JSONFieldError(path: path("acquisition"), reason: "expected one of \(known)")
                }
                acquisition = kind
            }
            if let beta = options.ucbBeta {
                guard beta.isFinite, beta > 0 else { throw JSONFieldError(path: path("ucbBeta"), reason: "expected a positive number") }
                ucbBeta = beta
            }
            startupTrials = try integer(options.startupTrials, "startupTrials", 1...100_000, default: startupTrials)
            candidates = try integer(options.candidates, "candidates", 1...1_000_000, default: candidates)
            seedCount = try integer(options.seedCount, "seedCount", 0...1000, default: seedCount)
            sampleCount = try integer(options.sampleCount, "sampleCount", 1...1000, default: sampleCount)
            fitRestarts = try integer(options.fitRestarts, "fitRestarts", 0...1000, default: fitRestarts)
            if let fraction = options.refitFraction {
                guard fraction.isFinite, (0...1).contains(fraction) else {
                    throw JSONFieldError(path: path("refitFraction"), reason: "expected a number from 0 to 1")
                }
                refitFraction = fraction
            }
            mesSamples = try integer(options.mesSamples, "mesSamples", 1...10_000, default: mesSamples)
            switch options.startup {
            case nil, "sobol": sobolStartup = true
            case "random": sobolStartup = false
            default: throw JSONFieldError(path: path("startup"), reason: "expected \"sobol\" or \"random\"")
            }
            switch options.hyperparameters {
            case nil, "map": sliceSampling = false
            case "slice": sliceSampling = true
            default: throw JSONFieldError(path: path("hyperparameters"), reason: "expected \"map\" or \"slice\"")
            }
            costAware = options.costAware ?? false
            if costAware, acquisition != .logEI, acquisition != .ei {
                throw JSONFieldError(path: path("costAware"), reason: "cost-aware search divides expected improvement by cost: use acquisition \"logei\" or \"ei\"")
            }
            deterministic = options.deterministic ?? false
            switch options.warping {
            case nil, "power": powerWarping = true
            case "none": powerWarping = false
            default: throw JSONFieldError(path: path("warping"), reason: "expected \"power\" or \"none\"")
            }
        }
    }

    public static let optionsSchema: JSON = [
        "type": "object",
        "properties": [
            "acquisition": [
                "type": "string", "enum": ["logei", "ei", "pi", "ucb", "mes"], "default": "logei",
                "description": "Acquisition function: log expected improvement, expected improvement, log probability of improvement, upper confidence bound, or max-value entropy search.",
            ],
            "ucbBeta": ["type": "number", "exclusiveMinimum": 0, "default": 4, "description": "β of UCB: the bound is μ - √β σ on the loss."],
            "startupTrials": ["type": "integer", "minimum": 1, "maximum": 100_000, "default": 10, "description": "Complete trials needed before the GP is used."],
            "startup": [
                "type": "string", "enum": ["sobol", "random"], "default": "sobol",
                "description": "How startup trials are drawn: a scrambled Sobol sequence, or independent uniform samples.",
            ],
            "candidates": ["type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 256, "description": "Quasi-random candidates scored per suggestion."],
            "seedCount": ["type": "integer", "minimum": 0, "maximum": 1000, "default": 5, "description": "Candidates refined by local L-BFGS search (the best one, the rest drawn by roulette on acquisition value), besides the best observed point."],
            "hyperparameters": [
                "type": "string", "enum": ["map", "slice"], "default": "map",
                "description": "Kernel hyper-parameters: maximum a posteriori, or slice-sampled with the acquisition averaged over the samples.",
            ],
            "sampleCount": ["type": "integer", "minimum": 1, "maximum": 1000, "default": 8, "description": "Hyper-parameter samples when hyperparameters is \"slice\"."],
            "fitRestarts": ["type": "integer", "minimum": 0, "maximum": 1000, "default": 4, "description": "Random starting points screened for the first hyper-parameter fit; later fits start from the previous one."],
            "refitFraction": [
                "type": "number", "minimum": 0, "maximum": 1, "default": 0.05,
                "description": "Refit the hyper-parameters when the complete trials have grown by this fraction since the last fit (0: at every suggestion); in between the covariance factor grows by the new trials.",
            ],
            "costAware": ["type": "boolean", "default": false, "description": "Divide expected improvement by the cost (trial cost told by the client) predicted by a second GP on log cost."],
            "mesSamples": ["type": "integer", "minimum": 1, "maximum": 10_000, "default": 16, "description": "Samples of the minimum value for max-value entropy search."],
            "deterministic": ["type": "boolean", "default": false, "description": "The objective is noise-free: pin the noise variance at its floor."],
            "warping": [
                "type": "string", "enum": ["power", "none"], "default": "power",
                "description": "Output warping: a Yeo-Johnson power transform fitted to the standardized losses, or standardization only.",
            ],
        ],
        "additionalProperties": false,
    ]
}
