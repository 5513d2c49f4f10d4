import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import AutoMLStrategies

/// One evaluated individual of an evolutionary NAS strategy: a told trial's architecture,
/// session params and loss.
public struct EvolutionMember: Sendable, Hashable {
    public var trial: Int
    public var decisions: [Int]
    public var config: JSONObject
    /// Objective 0 as a loss (lower is better whatever its goal).
    public var loss: Double
}

/// What the evolutionary strategies (`regularized-evolution`, `hierarchical-evolution`) share:
/// reading members from told trials, tournaments, children's params, distinct children.
enum EvolutionPopulation {
    /// The member a told trial makes: complete, with a finite value for objective 0 and an
    /// architecture whose decisions fit `space`; nil otherwise (failed and pruned trials, warm
    /// starts without an architecture).
    static func member(from trial: TrialRecord, space: any ArchitectureSpace, objectives: [Objective]) -> EvolutionMember? {
        guard trial.state == .complete, let value = trial.values?.first, value.isFinite,
              let decisions = Architecture.decisions(in: trial.architecture), space.isValid(decisions)
        else { return nil }
        let loss = (objectives.first ?? Objective(name: "value")).loss(value)
        return EvolutionMember(trial: trial.id, decisions: decisions, config: trial.config, loss: loss)
    }

    /// Draws `size` distinct members uniformly (all of them when fewer) and returns the index of
    /// the one with the lowest loss (the first drawn on ties); nil for an empty population.
    static func tournament(_ population: [EvolutionMember], size: Int, using rng: inout SeededGenerator) -> Int? {
        guard !population.isEmpty else { return nil }
        var indices = Array(population.indices)
        var best: Int?
        for k in 0..<min(max(size, 1), indices.count) {
            let pick = k + rng.nextInt(below: indices.count - k)
            indices.swapAt(k, pick)
            let candidate = indices[k]
            if best.map({ population[candidate].loss < population[$0].loss }) ?? true { best = candidate }
        }
        return best
    }

    /// The child's session params: the parent's, with one active parameter redrawn from its
    /// prior with probability `probability` (parameters the new value activates are drawn too).
    static func childConfig(_ parent: JSONObject, space: SearchSpace, probability: Double,
                            using rng: inout SeededGenerator) -> JSONObject {
        guard !space.parameters.isEmpty, probability > 0, rng.nextUnit() < probability else { return parent }
        let mask = space.activeMask(parent)
        let active = mask.indices.filter { mask[$0] }
        guard !active.isEmpty else { return parent }
        var unit = space.encode(parent)
        let chosen = active[rng.nextInt(below: active.count)]
        unit[chosen] = rng.nextUnit()
        for j in unit.indices where !mask[j] { unit[j] = rng.nextUnit() }
        // Every other parameter keeps the parent's exact value (the unit cube round trip may
        // move a float by a few ulps).
        var child = space.decode(unit)
        for parameter in space.parameters where parameter.name != space.parameters[chosen].name {
            if child[parameter.name] != nil, let value = parent[parameter.name] { child[parameter.name] = value }
        }
        return child
    }

    /// The decision vectors of the pending trials: children are kept distinct from them.
    static func pendingDecisions(_ context: StrategyContext) -> Set<[Int]> {
        Set(context.pending.compactMap { Architecture.decisions(in: $0.architecture) })
    }

    /// How many times a strategy redraws a child that repeats a pending architecture before it
    /// accepts the repeat (a tiny space may have no other).
    static let maxRedraws = 20

    /// A summary of `population` for `session/status`.
    static func summary(_ population: [EvolutionMember]) -> JSONObject {
        var object: JSONObject = ["size": .int(Int64(population.count))]
        let losses = population.map(\.loss).sorted()
        if let best = losses.first, let worst = losses.last {
            object["bestLoss"] = .double(best)
            object["medianLoss"] = .double(losses[losses.count / 2])
            object["worstLoss"] = .double(worst)
        }
        if let best = population.min(by: { $0.loss < $1.loss }) { object["bestTrial"] = .int(Int64(best.trial)) }
        if let oldest = population.first, let youngest = population.last {
            object["oldestTrial"] = .int(Int64(oldest.trial))
            object["youngestTrial"] = .int(Int64(youngest.trial))
        }
        return object
    }

    /// An options schema: the shared members (the architecture space and the params mutation
    /// rate) followed by `members`.
    static func optionsSchema(_ members: [(String, JSON)]) -> JSON {
        var properties = commonSchema
        for (name, schema) in members { properties[name] = schema }
        return .object(["type": "object", "properties": .object(properties), "additionalProperties": false])
    }

    private static let commonSchema: JSONObject = [
        "space": ["type": "object", "description": "The architecture space ({\"kind\": \"nasnet\" | \"hierarchical\" | \"mnasnet\", ...}; Documentation/NAS.md)."],
        "paramMutation": ["type": "number", "minimum": 0, "maximum": 1,
                          "description": "Probability that a child also redraws one of the session's params (default 0.25)."],
    ]

    /// Checks a probability option.
    static func probability(_ value: Double?, default fallback: Double, field: String) throws(JSONFieldError) -> Double {
        let chosen = value ?? fallback
        guard chosen >= 0, chosen <= 1 else {
            throw JSONFieldError(path: "params.strategy.options.\(field)", reason: "expected a probability in [0, 1]")
        }
        return chosen
    }
}
