import AutoMLJSON
import AutoMLNumerics

/// Uniform random configs.
extension SearchSpace {
    /// A config drawn uniformly in each parameter's own scale.
    ///
    /// Parameters are visited in declaration order; each active one consumes exactly one
    /// `rng.nextUnit()` (one 64-bit draw) and takes `value(fromUnit:)` of it, and an inactive
    /// one consumes nothing. So a float is uniform on `[low, high]` (log-uniform with `log`), an
    /// int or stepped float uniform over its feasible values, a log int log-uniform on
    /// `[low - 0.5, high + 0.5]` then rounded, a categorical or ordinal uniform over its
    /// choices. The draw count is a contract: replaying a journal depends on it.
    public func sample(using rng: inout SeededGenerator) -> JSONObject {
        var config = JSONObject()
        var mask: [Bool] = []
        mask.reserveCapacity(parameters.count)
        for (index, parameter) in parameters.enumerated() {
            let active = conditionHolds(index: index, parameter: parameter, mask: mask) { config[$0] }
            mask.append(active)
            guard active else { continue }
            config[parameter.name] = parameter.value(fromUnit: rng.nextUnit())
        }
        return config
    }
}
