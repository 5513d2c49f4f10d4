import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace

/// Children of two configs in a search space's unit cube: SBX and polynomial mutation for
/// numeric and ordinal parameters, uniform crossover and random reset for categorical ones.
///
/// A parameter inactive in one parent takes the other parent's coordinate (with no crossover),
/// and one inactive in both gets a uniform draw, so a child whose condition turns on a branch
/// neither parent used still gets a value; decoding drops whatever ends up inactive.
struct NSGA2Variation: Sendable {
    let space: SearchSpace
    /// Probability that a pair is crossed at all; then each numeric coordinate with ½.
    let crossoverProbability: Double
    let crossoverEta: Double
    /// Per coordinate (default 1 / dimension).
    let mutationProbability: Double
    let mutationEta: Double
    /// Probability that a categorical coordinate comes from the second parent in a crossover.
    let swappingProbability: Double

    /// One child of the parents (unit-cube points and their active masks).
    func child(_ a: Member, _ b: Member, rng: inout SeededGenerator) -> JSONObject {
        let crossing = rng.nextUnit() < crossoverProbability
        var unit = a.unit
        for (k, parameter) in space.parameters.enumerated() {
            let first = a.active[k] ? a.unit[k] : nil, second = b.active[k] ? b.unit[k] : nil
            var value: Double
            switch (first, second) {
            case (let x?, let y?):
                value = x
                if crossing {
                    if case .categorical = parameter.kind {
                        if rng.nextUnit() < swappingProbability { value = y }
                    } else if rng.nextUnit() < 0.5 {
                        value = SimulatedBinaryCrossover.children(x, y, eta: crossoverEta, rng: &rng).0
                    }
                }
            case (let x?, nil), (nil, let x?):
                value = x
            case (nil, nil):
                value = rng.nextUnit()
            }
            if rng.nextUnit() < mutationProbability {
                if case .categorical = parameter.kind {
                    value = rng.nextUnit()
                } else {
                    value = PolynomialMutation.mutate(value, eta: mutationEta, rng: &rng)
                }
            }
            unit[k] = value
        }
        return space.decode(unit)
    }

    /// A config with its unit-cube point and active mask, for breeding.
    struct Member: Sendable, Hashable {
        var config: JSONObject
        var unit: [Double]
        var active: [Bool]

        init(config: JSONObject, space: SearchSpace) {
            self.config = config
            unit = space.encode(config)
            active = space.activeMask(config)
        }
    }
}
