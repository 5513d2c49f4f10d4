import AutoMLJSON

/// The wire form of a space: `{"params": [ ... ]}`.
extension SearchSpace {
    /// Reads and validates a space sent by a client.
    ///
    /// ```swift
    /// let space = try SearchSpace(json: params["space"] ?? .null, path: "params.space")
    /// // a defect throws e.g. "params.space.params[2].low: low (5.0) must be less than high (1.0)"
    /// ```
    ///
    /// - Parameters:
    ///   - json: the space object.
    ///   - path: where `json` sits in the request, prefixed to every error path.
    /// - Throws: `JSONFieldError` naming the first defect and its exact path.
    public init(json: JSON, path: String) throws(JSONFieldError) {
        let reader = try MemberReader(json, path: path, expected: #"an object {"params": [...]}"#)
        try reader.rejectUnknown(allowed: ["params"], owner: "a search space")
        let listPath = JSONPath.member(path, "params")
        guard let list = reader.value("params") else {
            throw JSONFieldError(path: listPath, reason: "missing; expected an array of parameters")
        }
        guard case .array(let items) = list else {
            throw JSONFieldError(path: listPath, reason: "expected an array of parameters, got \(list.typeDescription)")
        }
        var parameters: [Parameter] = []
        parameters.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            parameters.append(try Parameter(json: item, path: JSONPath.element(listPath, index)))
        }
        try self.init(checking: parameters, path: path)
    }

    /// The canonical wire form; `SearchSpace(json: space.json, path: "")` equals `space`.
    public var json: JSON {
        .object(JSONObject([("params", .array(parameters.map(\.json)))]))
    }
}
