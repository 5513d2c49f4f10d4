import AutoMLJSON
import AutoMLNAS
import AutoMLSpace
import AutoMLStrategies

/// Every strategy the engine serves: one literal list, turned into a lookup table.
///
/// It lives in the engine, above both the HPO strategies (`AutoMLStrategies`) and the NAS ones
/// (`AutoMLNAS`), so that one list names them all.
public enum StrategyRegistry {
    /// Add a strategy here and it is served, listed, documented and run through the conformance suite.
    public static let all: [any Strategy.Type] = [
        RandomSearch.self,
        GridSearch.self,
        SobolSearch.self,
        GPBayesianOptimization.self,
        TPE.self,
        CMAES.self,
        ParticleSwarm.self,
        RBFSearch.self,
        NSGA2.self,
        SuccessiveHalving.self,
        Hyperband.self,
        ASHA.self,
        BOHB.self,
        HyperbandBO.self,
        FABOLAS.self,
        NEAT.self,
        JASQNet.self,
        RegularizedEvolution.self,
        NASRandomSearch.self,
        HierarchicalEvolution.self,
        NASReinforce.self,
        NASPPO.self,
        MnasNetSearch.self,
    ]

    static let byName: [String: any Strategy.Type] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    public static func named(_ name: String) -> (any Strategy.Type)? { byName[name] }

    /// Creates a strategy by name.
    /// - Parameter path: where the options sit in the request, for error messages
    ///   (`params.strategy.options`).
    public static func make(
        name: String, options: JSON?, space: SearchSpace, objectives: [Objective], path: String
    ) throws -> AnyStrategy {
        guard let type = byName[name] else {
            throw StrategyError.unknown(name: name, known: all.map { $0.name })
        }
        return try type.make(options: options, space: space, objectives: objectives, path: path)
    }

    /// The `strategy/list` entry of one strategy.
    public static func describe(_ type: any Strategy.Type) -> JSON {
        let supports: JSON = (try? JSONValueEncoder().encode(type.capabilities)) ?? .object([:])
        return .object([
            "name": .string(type.name),
            "family": .string(type.family),
            "description": .string(type.summary),
            "options": type.optionsSchema,
            "supports": supports,
        ])
    }
}
