import AutoMLJSON

/// Which parameters a config activates.
extension SearchSpace {
    /// Whether `parameter` applies in `config`: it has no condition, or its parent is itself
    /// active and the config's parent value is one of the allowed values (numbers compare by
    /// value, so `2` and `2.0` match). A condition naming a parameter the space does not have
    /// never holds.
    public func isActive(_ parameter: Parameter, in config: JSONObject) -> Bool {
        guard let condition = parameter.condition else { return true }
        guard let parentIndex = indexByName[condition.parent] else { return false }
        let parent = parameters[parentIndex]
        guard let value = config[parent.name], isActive(parent, in: config) else { return false }
        return JSONValueMatching.firstIndex(of: value, in: condition.values) != nil
    }

    /// For each parameter in declaration order, whether it is active in `config`.
    public func activeMask(_ config: JSONObject) -> [Bool] {
        var mask: [Bool] = []
        mask.reserveCapacity(parameters.count)
        for (index, parameter) in parameters.enumerated() {
            mask.append(conditionHolds(index: index, parameter: parameter, mask: mask) { config[$0] })
        }
        return mask
    }

    /// Whether parameter `index` is active, given the activity of every earlier parameter in
    /// `mask` and a way to read earlier values. Parents come first, so one pass suffices.
    func conditionHolds(index: Int, parameter: Parameter, mask: [Bool], value: (String) -> JSON?) -> Bool {
        guard let condition = parameter.condition else { return true }
        guard let parentIndex = parentIndices[index], parentIndex < mask.count, mask[parentIndex],
            let parentValue = value(condition.parent)
        else { return false }
        return JSONValueMatching.firstIndex(of: parentValue, in: condition.values) != nil
    }
}
