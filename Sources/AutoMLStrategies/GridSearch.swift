import AutoMLJSON
import AutoMLSpace

/// Grid search: every combination of the parameters' grid values, each exactly once, in a fixed
/// order (the last parameter varies fastest). Conditional parameters are enumerated only under
/// the parent values that activate them. When the grid is used up, `ask` answers no trials and
/// says `exhausted`.
///
/// A parameter's grid is, in order of preference: the explicit `values` given in the options;
/// all values of a discrete parameter (int, stepped float, categorical, ordinal); or
/// `resolution` evenly spaced values of a continuous float (in log space when `log` is set).
/// An abandoned trial's config is handed out again before the next new one.
public struct GridSearch: Strategy {
    public struct Options: Decodable, Sendable {
        /// Explicit grid values per parameter name.
        public var values: [String: [JSON]]?
        /// Points per continuous float (default 5).
        public var resolution: Int?
    }

    public static let name = "grid"
    public static let family = "hpo"
    public static let summary = "Every combination of per-parameter grid values, once each, in a fixed order."
    public static let optionsSchema: JSON = [
        "type": "object",
        "properties": [
            "values": ["type": "object", "description": "Explicit grid values per parameter name.", "additionalProperties": ["type": "array", "minItems": 1]],
            "resolution": ["type": "integer", "minimum": 1, "maximum": 10_000, "default": 5, "description": "Points per continuous float."],
        ],
        "additionalProperties": false,
    ]
    public static let capabilities = StrategyCapabilities(multiObjective: true)
    /// The most grid values one parameter may have.
    public static let maxValuesPerParameter = 100_000

    let space: SearchSpace
    /// Grid values per parameter, in declaration order.
    let grids: [[JSON]]
    var indices: [Int]
    var started = false
    var exhausted = false
    /// Configs of abandoned trials, handed out again first.
    var returned: [JSONObject] = []

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        let resolution = options.resolution ?? 5
        guard (1...10_000).contains(resolution) else {
            throw JSONFieldError(path: "params.strategy.options.resolution", reason: "expected an integer from 1 to 10000")
        }
        for name in (options.values ?? [:]).keys.sorted() where space.parameter(named: name) == nil {
            throw JSONFieldError(path: "params.strategy.options.values.\(name)", reason: "no parameter named \"\(name)\" in the space")
        }
        var grids: [[JSON]] = []
        for parameter in space.parameters {
            if let explicit = options.values?[parameter.name] {
                grids.append(try Self.explicitGrid(explicit, for: parameter))
            } else if let count = parameter.cardinality, count > Self.maxValuesPerParameter {
                throw StrategyError.cannotServe(
                    strategy: Self.name,
                    reason: "parameter \(parameter.name) has \(count) values; give explicit options.values.\(parameter.name)")
            } else {
                grids.append(parameter.allValues(resolution: resolution))
            }
        }
        self.space = space
        self.grids = grids
        self.indices = Array(repeating: 0, count: grids.count)
    }

    static func explicitGrid(_ values: [JSON], for parameter: Parameter) throws -> [JSON] {
        let path = "params.strategy.options.values.\(parameter.name)"
        guard !values.isEmpty else { throw JSONFieldError(path: path, reason: "give at least one value") }
        var grid: [JSON] = []
        for (index, value) in values.enumerated() {
            guard let canonical = parameter.canonicalValue(of: value) else {
                throw JSONFieldError(path: "\(path)[\(index)]", reason: "\(value.serialized()) is not a value of parameter \(parameter.name)")
            }
            if !grid.contains(canonical) { grid.append(canonical) }
        }
        return grid
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        var suggestions: [Suggestion] = []
        while suggestions.count < count, !returned.isEmpty {
            suggestions.append(Suggestion(config: returned.removeFirst()))
        }
        while suggestions.count < count, let config = nextPoint() {
            suggestions.append(Suggestion(config: config))
        }
        return AskOutcome(suggestions, exhausted: exhausted && returned.isEmpty)
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {}

    public mutating func abandon(_ trial: TrialRecord, context: inout StrategyContext) {
        returned.append(trial.config)
    }

    public func status(context: StrategyContext) -> JSON {
        .object(["exhausted": .bool(exhausted && returned.isEmpty), "returned": .int(Int64(returned.count))])
    }

    // MARK: - Enumeration

    /// The next grid point, or nil when every point was handed out.
    mutating func nextPoint() -> JSONObject? {
        guard !exhausted else { return nil }
        if started {
            guard advance() else {
                exhausted = true
                return nil
            }
        }
        started = true
        return config(at: indices)
    }

    func config(at indices: [Int]) -> JSONObject {
        var config = JSONObject()
        for (index, parameter) in space.parameters.enumerated() where space.isActive(parameter, in: config) {
            config[parameter.name] = grids[index][indices[index]]
        }
        return config
    }

    /// Moves the odometer to the next point: the last active parameter turns fastest, and a
    /// carry resets every later parameter (whose activity may change with its parents).
    mutating func advance() -> Bool {
        let current = config(at: indices)
        for position in stride(from: grids.count - 1, through: 0, by: -1) where current[space.parameters[position].name] != nil {
            indices[position] += 1
            if indices[position] < grids[position].count {
                for later in (position + 1)..<grids.count { indices[later] = 0 }
                return true
            }
            indices[position] = 0
        }
        return false
    }
}
