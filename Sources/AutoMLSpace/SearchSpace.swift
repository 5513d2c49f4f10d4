import AutoMLJSON

/// An ordered list of hyper-parameters, some conditional on others: what a session searches.
///
/// On the wire (`session/create`'s `space`) it reads:
///
/// ```json
/// {"params": [
///   {"name": "optimizer", "type": "categorical", "choices": ["sgd", "adam"]},
///   {"name": "lr", "type": "float", "low": 1e-5, "high": 0.1, "log": true},
///   {"name": "momentum", "type": "float", "low": 0, "high": 0.99, "when": {"optimizer": ["sgd"]}},
///   {"name": "layers", "type": "int", "low": 1, "high": 8},
///   {"name": "width", "type": "ordinal", "values": [32, 64, 128]}
/// ]}
/// ```
///
/// A config is a `JSONObject` holding the active parameters in declaration order: floats as
/// `.double`, ints as `.int`, categorical and ordinal values as the choice's own JSON. A
/// parameter whose condition does not hold is inactive and absent from the config.
///
/// Every initializer validates the whole space, so a `SearchSpace` value is always valid:
/// bounds ordered and finite, steps dividing their ranges, choices distinct scalars, names
/// unique, and conditions referring to an earlier parameter and to values it can take.
public struct SearchSpace: Sendable, Hashable {
    /// The parameters in declaration order (conditions normalized to the parent's canonical
    /// values, an int step of 1 dropped).
    public let parameters: [Parameter]

    /// For each parameter, the index of its condition's parent.
    let parentIndices: [Int?]
    /// Parameter index by name.
    let indexByName: [String: Int]

    /// A space from Swift values, validated like the wire form.
    ///
    /// - Throws: `JSONFieldError` whose path names the defect as the wire form would, relative
    ///   to the space object: `params[2].low`.
    public init(parameters: [Parameter]) throws(JSONFieldError) {
        try self.init(checking: parameters, path: "")
    }

    /// Validates `parameters`, reporting defects under `path` (the space object's path).
    init(checking parameters: [Parameter], path: String) throws(JSONFieldError) {
        let checked = try SpaceChecker.check(parameters, spacePath: path)
        self.parameters = checked.parameters
        self.parentIndices = checked.parentIndices
        var indexByName: [String: Int] = [:]
        for (index, parameter) in checked.parameters.enumerated() { indexByName[parameter.name] = index }
        self.indexByName = indexByName
    }

    /// Number of unit-cube coordinates: one per parameter.
    public var dimension: Int { parameters.count }

    /// The parameter called `name`, if any.
    public func parameter(named name: String) -> Parameter? {
        indexByName[name].map { parameters[$0] }
    }

    /// The declaration index of the parameter called `name`, if any.
    public func index(of name: String) -> Int? {
        indexByName[name]
    }

    /// Whether some parameter is conditional.
    public var isConditional: Bool {
        parentIndices.contains { $0 != nil }
    }
}
