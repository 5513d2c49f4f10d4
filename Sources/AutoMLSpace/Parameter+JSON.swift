import AutoMLJSON

/// The wire form of one parameter.
///
/// `{"name", "type": "float" | "int", "low", "high", "log"?, "step"?, "when"?}`,
/// `{"name", "type": "categorical", "choices": [...], "when"?}` or
/// `{"name", "type": "ordinal", "values": [...], "when"?}`; `"when": {"parent": [values]}`.
/// Optional members may be null. Unknown members are rejected, so a typo (`"hihg"`) is reported
/// instead of silently ignored.
extension Parameter {
    /// Reads one parameter, checking the shape of each member (types, presence, unknown
    /// members). Rules that involve several members or other parameters (bounds order, steps,
    /// duplicate names, conditions) are checked by `SearchSpace`.
    ///
    /// - Throws: `JSONFieldError` located under `path`, e.g. `params.space.params[2].low`.
    public init(json: JSON, path: String) throws(JSONFieldError) {
        let reader = try MemberReader(json, path: path, expected: "a parameter object")
        guard let typeName = try reader.string("type") else {
            throw JSONFieldError(
                path: JSONPath.member(path, "type"), reason: "missing; expected float, int, categorical or ordinal")
        }
        guard let allowed = Self.membersByType[typeName] else {
            throw JSONFieldError(
                path: JSONPath.member(path, "type"),
                reason: "unknown type \"\(typeName)\"; expected float, int, categorical or ordinal")
        }
        guard let name = try reader.string("name") else {
            throw JSONFieldError(path: JSONPath.member(path, "name"), reason: "missing; every parameter needs a name")
        }
        try reader.rejectUnknown(allowed: allowed, owner: "a \(typeName) parameter")
        let kind: Kind
        switch typeName {
        case "float":
            let low = try reader.requiredNumber("low")
            let high = try reader.requiredNumber("high")
            kind = .float(low: low, high: high, log: try reader.bool("log") ?? false, step: try reader.number("step"))
        case "int":
            let low = try reader.requiredInteger("low")
            let high = try reader.requiredInteger("high")
            kind = .int(low: low, high: high, log: try reader.bool("log") ?? false, step: try reader.integer("step"))
        case "categorical":
            kind = .categorical(try reader.requiredArray("choices"))
        default:
            kind = .ordinal(try reader.requiredArray("values"))
        }
        self.init(name: name, kind: kind, condition: try Self.readCondition(reader))
    }

    /// The canonical wire form: members in the order name, type, bounds, log (only when
    /// true), step, choices or values, when.
    public var json: JSON {
        var object = JSONObject([("name", .string(name)), ("type", .string(kind.typeName))])
        switch kind {
        case .float(let low, let high, let log, let step):
            object["low"] = .double(low)
            object["high"] = .double(high)
            if log { object["log"] = true }
            if let step { object["step"] = .double(step) }
        case .int(let low, let high, let log, let step):
            object["low"] = .int(low)
            object["high"] = .int(high)
            if log { object["log"] = true }
            if let step { object["step"] = .int(step) }
        case .categorical(let choices):
            object["choices"] = .array(choices)
        case .ordinal(let values):
            object["values"] = .array(values)
        }
        if let condition {
            object["when"] = .object(JSONObject([(condition.parent, .array(condition.values))]))
        }
        return .object(object)
    }

    // MARK: - Helpers

    private static let membersByType: [String: [String]] = [
        "float": ["name", "type", "low", "high", "log", "step", "when"],
        "int": ["name", "type", "low", "high", "log", "step", "when"],
        "categorical": ["name", "type", "choices", "when"],
        "ordinal": ["name", "type", "values", "when"],
    ]

    private static func readCondition(_ reader: MemberReader) throws(JSONFieldError) -> Condition? {
        guard let when = reader.value("when") else { return nil }
        let whenPath = JSONPath.member(reader.path, "when")
        let example = #"expected an object naming one parent, e.g. {"optimizer": ["sgd"]}"#
        guard case .object(let object) = when else {
            throw JSONFieldError(path: whenPath, reason: "\(example), got \(when.typeDescription)")
        }
        guard object.count == 1, let member = object.first(where: { _ in true }) else {
            throw JSONFieldError(path: whenPath, reason: "\(example), got \(object.count) members")
        }
        let (parent, allowed) = (member.key, member.value)
        guard case .array(let values) = allowed else {
            throw JSONFieldError(
                path: JSONPath.member(whenPath, parent),
                reason: "expected an array of allowed values of \"\(parent)\", got \(allowed.typeDescription)")
        }
        return Condition(parent: parent, values: values)
    }
}
