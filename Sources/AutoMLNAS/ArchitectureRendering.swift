import AutoMLJSON

extension ArchitectureSpaces {
    /// The architecture (decisions, genotype, model) that `decisions` name in the space `space`
    /// describes: how a search result kept as decisions (a `bench nas` row, a journal, a note)
    /// becomes a network to train again or to build elsewhere.
    /// - Throws: `JSONFieldError` at `<path>.space...` for a bad space, at `<path>.decisions`
    ///   for a vector of the wrong length, at `<path>.decisions[i]` for a value out of range
    ///   (naming the decision, e.g. `normal.block0.op1`).
    public static func render(space json: JSON?, decisions: JSON, path: String = "") throws(JSONFieldError) -> Architecture {
        let space = try make(json, path: JSONPath.member(path, "space"))
        let decisionsPath = JSONPath.member(path, "decisions")
        guard case .array(let items) = decisions else {
            throw JSONFieldError(path: decisionsPath, reason: "expected an array of \(space.choices.count) integers")
        }
        guard items.count == space.choices.count else {
            throw JSONFieldError(path: decisionsPath,
                                 reason: "the \(space.kind) space takes \(space.choices.count) decisions, not \(items.count)")
        }
        var values: [Int] = []
        for (index, item) in items.enumerated() {
            let choices = space.choices[index]
            guard case .int(let raw) = item, let value = Int(exactly: raw), (0..<choices).contains(value) else {
                let name = index < space.decisionNames.count ? " (\(space.decisionNames[index]))" : ""
                throw JSONFieldError(path: JSONPath.element(decisionsPath, index),
                                     reason: "expected an integer from 0 to \(choices - 1)\(name)")
            }
            values.append(value)
        }
        return space.architecture(values)
    }
}
