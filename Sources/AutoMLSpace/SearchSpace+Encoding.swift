import AutoMLJSON

/// The unit-cube encoding model-based strategies work in: one coordinate per parameter, in
/// declaration order (see `Parameter.unitValue(of:)` for each kind's mapping).
extension SearchSpace {
    /// The coordinate given to a parameter that is inactive (or absent, or invalid) in the
    /// encoded config: the centre of its interval. Use `activeMask(_:)` to tell it apart.
    public static let inactiveFiller = 0.5

    /// The config's point in `[0, 1]^dimension`.
    ///
    /// `decode(encode(c)) == c` for every config `c` that `decode` or `sample` produced and
    /// every valid config of discrete values; a float that no coordinate decodes to exactly
    /// comes back as the nearest value that one does (a few ulps away).
    public func encode(_ config: JSONObject) -> [Double] {
        let mask = activeMask(config)
        return parameters.enumerated().map { index, parameter in
            guard mask[index], let value = config[parameter.name], let u = parameter.unitValue(of: value) else {
                return Self.inactiveFiller
            }
            return u
        }
    }

    /// The config at `unit`, with only the parameters active there.
    ///
    /// Each coordinate is clamped to `[0, 1]` (NaN reads as 0.5, a missing trailing
    /// coordinate as 0.5, extra ones are ignored); `u = 1` gives `high` or the last choice;
    /// ints and stepped floats round to the nearest feasible value within bounds; the
    /// coordinate of an inactive parameter is ignored.
    public func decode(_ unit: [Double]) -> JSONObject {
        var config = JSONObject()
        var mask: [Bool] = []
        mask.reserveCapacity(parameters.count)
        for (index, parameter) in parameters.enumerated() {
            let active = conditionHolds(index: index, parameter: parameter, mask: mask) { config[$0] }
            mask.append(active)
            guard active else { continue }
            let u = index < unit.count ? unit[index] : Self.inactiveFiller
            config[parameter.name] = parameter.value(fromUnit: u)
        }
        return config
    }
}
