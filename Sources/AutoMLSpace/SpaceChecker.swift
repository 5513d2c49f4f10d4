import AutoMLJSON

/// The semantic rules of a search space, shared by the wire and Swift initializers.
///
/// Each defect is reported with the path the wire form would have, e.g.
/// `params.space.params[2].step`, and a reason that says what to change.
enum SpaceChecker {
    struct Checked {
        var parameters: [Parameter]
        var parentIndices: [Int?]
    }

    /// Largest magnitude of an int bound: every int is exact as a Double.
    static let intBoundLimit: Int64 = 1 << 53

    static func check(_ parameters: [Parameter], spacePath: String) throws(JSONFieldError) -> Checked {
        // An empty list is a valid space: NAS sessions may search architectures only. The
        // strategies that need parameters refuse it when they are created (`Strategy.make`).
        let listPath = JSONPath.member(spacePath, "params")
        var firstIndex: [String: Int] = [:]
        for (index, parameter) in parameters.enumerated() where firstIndex[parameter.name] == nil {
            firstIndex[parameter.name] = index
        }
        var checked = Checked(parameters: [], parentIndices: [])
        for (index, original) in parameters.enumerated() {
            let path = JSONPath.element(listPath, index)
            var parameter = original
            try checkName(parameter.name, index: index, firstIndex: firstIndex, path: path, listPath: listPath)
            parameter.kind = try checkKind(parameter.kind, path: path)
            if let condition = parameter.condition {
                let (normalized, parentIndex) = try checkCondition(
                    condition, of: parameter.name, index: index, declared: checked.parameters,
                    firstIndex: firstIndex, path: JSONPath.member(path, "when"), listPath: listPath)
                parameter.condition = normalized
                checked.parentIndices.append(parentIndex)
            } else {
                checked.parentIndices.append(nil)
            }
            checked.parameters.append(parameter)
        }
        return checked
    }

    // MARK: - Names

    private static func checkName(
        _ name: String, index: Int, firstIndex: [String: Int], path: String, listPath: String
    ) throws(JSONFieldError) {
        let namePath = JSONPath.member(path, "name")
        guard !name.isEmpty else { throw JSONFieldError(path: namePath, reason: "must not be empty") }
        if let first = firstIndex[name], first != index {
            throw JSONFieldError(
                path: namePath,
                reason: "duplicate name \"\(name)\": already declared at \(JSONPath.element(listPath, first))")
        }
    }

    // MARK: - Conditions

    private static func checkCondition(
        _ condition: Parameter.Condition, of name: String, index: Int, declared: [Parameter],
        firstIndex: [String: Int], path: String, listPath: String
    ) throws(JSONFieldError) -> (Parameter.Condition, Int) {
        let parentPath = JSONPath.member(path, condition.parent)
        guard condition.parent != name else {
            throw JSONFieldError(path: parentPath, reason: "a parameter cannot depend on itself")
        }
        guard let parentIndex = firstIndex[condition.parent] else {
            throw JSONFieldError(path: parentPath, reason: "unknown parameter \"\(condition.parent)\"")
        }
        guard parentIndex < index else {
            throw JSONFieldError(
                path: parentPath,
                reason: "\"\(condition.parent)\" is declared later, at \(JSONPath.element(listPath, parentIndex)); "
                    + "a condition must refer to an earlier parameter")
        }
        guard !condition.values.isEmpty else {
            throw JSONFieldError(path: parentPath, reason: "must list at least one value of \"\(condition.parent)\"")
        }
        let parent = declared[parentIndex]
        var values: [JSON] = []
        for (k, value) in condition.values.enumerated() {
            let valuePath = JSONPath.element(parentPath, k)
            let canonical: JSON
            do throws(ValueRejection) {
                canonical = try parent.canonicalize(value)
            } catch {
                throw JSONFieldError(
                    path: valuePath, reason: "\"\(condition.parent)\" cannot take this value: \(error.reason)")
            }
            if let earlier = JSONValueMatching.firstIndex(of: canonical, in: values) {
                throw JSONFieldError(path: valuePath, reason: "duplicate of \(JSONPath.element(parentPath, earlier))")
            }
            values.append(canonical)
        }
        return (Parameter.Condition(parent: condition.parent, values: values), parentIndex)
    }
}
