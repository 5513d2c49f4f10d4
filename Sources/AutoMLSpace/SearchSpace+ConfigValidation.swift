import AutoMLJSON

/// Checking configs that come from clients (`session/enqueue`, warm-start `session/tell`).
extension SearchSpace {
    /// The canonical form of a client's config, or its first defect.
    ///
    /// Rules: the config is an object; every active parameter is present and no inactive or
    /// unknown one is; floats lie within their bounds (a stepped float on its grid, snapped to
    /// the grid value); ints are integral (`3` or `3.0`, returned as `.int(3)`) within bounds
    /// and on their grid; categorical and ordinal values are among the choices (numbers compare
    /// by value) and come back as the choice's own JSON. Parameters come back in declaration
    /// order, so the result prints like a config the space produced.
    ///
    /// ```swift
    /// let config = try space.validate(params["config"] ?? .null, path: "params.config")
    /// // "params.config.lr: 2.0 is out of bounds [1e-05, 0.1]"
    /// ```
    ///
    /// - Throws: `JSONFieldError` at the offending member (`params.config.lr`), or at `path`
    ///   itself when the value is not an object.
    public func validate(_ value: JSON, path: String) throws(JSONFieldError) -> JSONObject {
        guard case .object(let given) = value else {
            throw JSONFieldError(
                path: path, reason: "expected an object mapping parameter names to values, got \(value.typeDescription)")
        }
        for key in given.keys where indexByName[key] == nil {
            throw JSONFieldError(
                path: JSONPath.member(path, key),
                reason: "unknown parameter; the space declares \(Self.describeNames(parameters.map(\.name)))")
        }
        var config = JSONObject()
        var mask: [Bool] = []
        mask.reserveCapacity(parameters.count)
        for (index, parameter) in parameters.enumerated() {
            let memberPath = JSONPath.member(path, parameter.name)
            let active = conditionHolds(index: index, parameter: parameter, mask: mask) { config[$0] }
            mask.append(active)
            let value = given[parameter.name]
            guard active else {
                if value != nil {
                    throw JSONFieldError(
                        path: memberPath,
                        reason: "not allowed: the parameter is inactive, it applies only when \(conditionText(parameter))")
                }
                continue
            }
            guard let value else {
                let because = parameter.condition == nil ? "" : "; it is required when \(conditionText(parameter))"
                throw JSONFieldError(path: memberPath, reason: "missing\(because)")
            }
            do throws(ValueRejection) {
                config[parameter.name] = try parameter.canonicalize(value)
            } catch {
                throw JSONFieldError(path: memberPath, reason: error.reason)
            }
        }
        return config
    }

    /// `optimizer is one of ["sgd"]`: the parameter's condition in words.
    private func conditionText(_ parameter: Parameter) -> String {
        guard let condition = parameter.condition else { return "always" }
        return "\(condition.parent) is one of \(JSONValueMatching.describe(condition.values))"
    }

    private static func describeNames(_ names: [String], limit: Int = 12) -> String {
        let shown = names.prefix(limit).joined(separator: ", ")
        return names.count > limit ? "\(shown), ... (\(names.count) in all)" : shown
    }
}
