import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace

/// Quasi-random search: points of a scrambled Sobol sequence in the unit cube, decoded into the
/// space. Covers the space more evenly than random search for the same number of trials; each
/// session scrambles its sequence from its seed. An abandoned trial's config is handed out again.
///
/// References: Sobol' 1967; Joe & Kuo, "Constructing Sobol sequences with better two-dimensional
/// projections", SIAM J. Sci. Comput. 2008; Owen, "Scrambling Sobol' and Niederreiter-Xing
/// points", J. Complexity 1998; Bergstra & Bengio 2012 (quasi-random search for HPO).
public struct SobolSearch: Strategy {
    public struct Options: Decodable, Sendable {
        /// Scramble the sequence (default true); unscrambled points start at the cube's corner.
        public var scramble: Bool?
    }

    public static let name = "sobol"
    public static let family = "hpo"
    public static let summary = "Scrambled Sobol quasi-random points in the unit cube, decoded into the space."
    public static let optionsSchema: JSON = [
        "type": "object",
        "properties": ["scramble": ["type": "boolean", "default": true, "description": "Randomize the sequence from the session seed."]],
        "additionalProperties": false,
    ]
    public static let capabilities = StrategyCapabilities(multiObjective: true)

    let space: SearchSpace
    let scramble: Bool
    /// Created at the first ask, from the session's generator.
    var sequence: SobolSequence?
    var returned: [JSONObject] = []

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        guard space.dimension <= SobolSequence.maxDimension else {
            throw StrategyError.cannotServe(
                strategy: Self.name, reason: "the space has \(space.dimension) parameters; Sobol serves at most \(SobolSequence.maxDimension)")
        }
        self.space = space
        self.scramble = options.scramble ?? true
    }

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        if sequence == nil {
            sequence = try SobolSequence(dimension: max(space.dimension, 1), scramble: scramble, generator: &context.rng)
        }
        var suggestions: [Suggestion] = []
        while suggestions.count < count, !returned.isEmpty {
            suggestions.append(Suggestion(config: returned.removeFirst()))
        }
        while suggestions.count < count, let point = sequence?.next() {
            suggestions.append(Suggestion(config: space.decode(point)))
        }
        return AskOutcome(suggestions)
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {}

    public mutating func abandon(_ trial: TrialRecord, context: inout StrategyContext) {
        returned.append(trial.config)
    }

    public func status(context: StrategyContext) -> JSON {
        .object(["points": .int(Int64(sequence?.index ?? 0))])
    }
}
