import AutoMLJSON
import AutoMLSpace

extension NSGA2 {
    /// Options as the client writes them in `strategy.options`; every field is optional.
    public struct Options: Decodable, Sendable {
        /// Parents kept per generation, and completed trials per generation (default 50).
        public var populationSize: Int?
        /// Probability that two parents are crossed (default 0.9).
        public var crossoverProbability: Double?
        /// SBX distribution index ηc (default 20).
        public var crossoverEta: Double?
        /// Per-parameter mutation probability (default 1 / number of parameters).
        public var mutationProbability: Double?
        /// Polynomial-mutation distribution index ηm (default 20).
        public var mutationEta: Double?
        /// Categorical parameters: probability of taking the second parent's value (default 0.5).
        public var swappingProbability: Double?

        public init(populationSize: Int? = nil, crossoverProbability: Double? = nil, crossoverEta: Double? = nil,
                    mutationProbability: Double? = nil, mutationEta: Double? = nil, swappingProbability: Double? = nil) {
            self.populationSize = populationSize
            self.crossoverProbability = crossoverProbability
            self.crossoverEta = crossoverEta
            self.mutationProbability = mutationProbability
            self.mutationEta = mutationEta
            self.swappingProbability = swappingProbability
        }
    }

    static let maxPopulation = 100_000

    /// Checks the options and fills the defaults for a space of `dimension` parameters.
    static func variation(_ options: Options, space: SearchSpace, path: String) throws(JSONFieldError) -> (Int, NSGA2Variation) {
        func probability(_ value: Double?, _ name: String, _ fallback: Double) throws(JSONFieldError) -> Double {
            guard let value else { return fallback }
            guard value.isFinite, value >= 0, value <= 1 else {
                throw JSONFieldError(path: "\(path).\(name)", reason: "expected a probability in [0, 1]")
            }
            return value
        }
        func index(_ value: Double?, _ name: String) throws(JSONFieldError) -> Double {
            guard let value else { return 20 }
            guard value.isFinite, value >= 0, value <= 1000 else {
                throw JSONFieldError(path: "\(path).\(name)", reason: "expected a distribution index from 0 to 1000")
            }
            return value
        }
        let population = options.populationSize ?? 50
        guard (2...maxPopulation).contains(population) else {
            throw JSONFieldError(path: "\(path).populationSize", reason: "expected an integer from 2 to \(maxPopulation)")
        }
        let dimension = max(space.dimension, 1)
        let variation = NSGA2Variation(
            space: space,
            crossoverProbability: try probability(options.crossoverProbability, "crossoverProbability", 0.9),
            crossoverEta: try index(options.crossoverEta, "crossoverEta"),
            mutationProbability: try probability(options.mutationProbability, "mutationProbability", 1 / Double(dimension)),
            mutationEta: try index(options.mutationEta, "mutationEta"),
            swappingProbability: try probability(options.swappingProbability, "swappingProbability", 0.5))
        return (population, variation)
    }

    public static let optionsSchema: JSON = [
        "type": "object",
        "properties": [
            "populationSize": [
                "type": "integer", "minimum": 2, "maximum": .int(Int64(maxPopulation)), "default": 50,
                "description": "Parents kept per generation; a generation ends after this many completed trials.",
            ],
            "crossoverProbability": [
                "type": "number", "minimum": 0, "maximum": 1, "default": 0.9, "description": "Probability that two parents are crossed.",
            ],
            "crossoverEta": [
                "type": "number", "minimum": 0, "maximum": 1000, "default": 20, "description": "SBX distribution index (larger: children closer to their parents).",
            ],
            "mutationProbability": [
                "type": "number", "minimum": 0, "maximum": 1, "description": "Per-parameter mutation probability. Default: 1 / number of parameters.",
            ],
            "mutationEta": [
                "type": "number", "minimum": 0, "maximum": 1000, "default": 20, "description": "Polynomial-mutation distribution index.",
            ],
            "swappingProbability": [
                "type": "number", "minimum": 0, "maximum": 1, "default": 0.5, "description": "Categorical parameters: probability of taking the second parent's value in a crossover.",
            ],
        ],
        "additionalProperties": false,
    ]
}
