#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLJSON

extension FABOLAS {
    /// Options as clients write them; every field is optional and unknown names are rejected.
    public struct Options: Decodable, Sendable {
        /// The full budget, handed out at `s = 1` (default 1: budgets are data fractions).
        public var maxBudget: Double?
        /// The smallest budget (default maxBudget / 512).
        public var minBudget: Double?
        /// Subset sizes on the log grid the acquisition is maximized over (default: one per
        /// doubling from minBudget to maxBudget, at least 2).
        public var gridSize: Int?
        /// Configurations of the initial design (default 10).
        public var initialConfigurations: Int?
        /// Subset sizes each initial configuration is evaluated at: the grid's 2nd, 3rd, ...
        /// smallest (default 3).
        public var initialSizes: Int?
        /// Sobol candidate configurations per suggestion (default 256), plus a quarter as many
        /// perturbations of the most promising configurations.
        public var candidates: Int?
        /// Samples of the minimum value for the information gain (default 8).
        public var minimumSamples: Int?
        /// Random starting points screened for the first hyper-parameter fits (default 2).
        public var fitRestarts: Int?
        /// Evaluate the incumbent at the full budget after every this many model-based
        /// suggestions, when it has not been (default 0: never, as in the paper).
        public var incumbentInterval: Int?
        /// The most recent complete trials the models are fitted on (default 400).
        public var maxModelPoints: Int?
    }

    /// The options, validated, with defaults filled in.
    struct Settings: Sendable, Hashable {
        var minBudget: Double
        var maxBudget: Double
        var gridSize: Int
        var initialConfigurations = 10
        var initialSizes = 3
        var candidates = 256
        var minimumSamples = 8
        var fitRestarts = 2
        var incumbentInterval = 0
        var maxModelPoints = 400

        init(_ options: Options) throws {
            func path(_ name: String) -> String { "params.strategy.options.\(name)" }
            func integer(_ value: Int?, _ name: String, _ range: ClosedRange<Int>, default fallback: Int) throws -> Int {
                guard let value else { return fallback }
                guard range.contains(value) else {
                    throw JSONFieldError(path: path(name), reason: "expected an integer from \(range.lowerBound) to \(range.upperBound)")
                }
                return value
            }
            maxBudget = options.maxBudget ?? 1
            guard maxBudget.isFinite, maxBudget > 0 else { throw JSONFieldError(path: path("maxBudget"), reason: "expected a positive number") }
            minBudget = options.minBudget ?? maxBudget / 512
            guard minBudget.isFinite, minBudget > 0, minBudget <= maxBudget else {
                throw JSONFieldError(path: path("minBudget"), reason: "expected a positive number no larger than maxBudget (\(maxBudget))")
            }
            let doublings = Int(log2(maxBudget / minBudget).rounded(.up))
            gridSize = try integer(options.gridSize, "gridSize", 1...64, default: min(max(doublings + 1, 2), 33))
            if minBudget == maxBudget { gridSize = 1 }
            initialConfigurations = try integer(options.initialConfigurations, "initialConfigurations", 1...10_000, default: initialConfigurations)
            initialSizes = try integer(options.initialSizes, "initialSizes", 1...64, default: initialSizes)
            candidates = try integer(options.candidates, "candidates", 1...100_000, default: candidates)
            minimumSamples = try integer(options.minimumSamples, "minimumSamples", 1...1000, default: minimumSamples)
            fitRestarts = try integer(options.fitRestarts, "fitRestarts", 0...1000, default: fitRestarts)
            incumbentInterval = try integer(options.incumbentInterval, "incumbentInterval", 0...100_000, default: incumbentInterval)
            maxModelPoints = try integer(options.maxModelPoints, "maxModelPoints", 2...100_000, default: maxModelPoints)
        }
    }

    public static let optionsSchema: JSON = [
        "type": "object",
        "properties": [
            "maxBudget": ["type": "number", "exclusiveMinimum": 0, "default": 1, "description": "The full budget (s = 1); budgets handed out are s × maxBudget."],
            "minBudget": ["type": "number", "exclusiveMinimum": 0, "description": "The smallest budget (default maxBudget / 512)."],
            "gridSize": ["type": "integer", "minimum": 1, "maximum": 64, "description": "Subset sizes on the log grid from minBudget to maxBudget (default: one per doubling, at least 2)."],
            "initialConfigurations": ["type": "integer", "minimum": 1, "maximum": 10_000, "default": 10, "description": "Configurations of the initial design."],
            "initialSizes": ["type": "integer", "minimum": 1, "maximum": 64, "default": 3, "description": "Small subset sizes each initial configuration is evaluated at."],
            "candidates": ["type": "integer", "minimum": 1, "maximum": 100_000, "default": 256, "description": "Sobol candidate configurations per suggestion (plus a quarter as many local perturbations)."],
            "minimumSamples": ["type": "integer", "minimum": 1, "maximum": 1000, "default": 8, "description": "Samples of the minimum loss at s = 1 for the information gain."],
            "fitRestarts": ["type": "integer", "minimum": 0, "maximum": 1000, "default": 2, "description": "Random starting points screened for the first hyper-parameter fits."],
            "incumbentInterval": ["type": "integer", "minimum": 0, "maximum": 100_000, "default": 0, "description": "Evaluate the incumbent at maxBudget after every this many model-based suggestions (0: never)."],
            "maxModelPoints": ["type": "integer", "minimum": 2, "maximum": 100_000, "default": 400, "description": "The most recent complete trials the models are fitted on."],
        ],
        "additionalProperties": false,
    ]
}
