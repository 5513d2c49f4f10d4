import AutoMLJSON

/// The wire form of a genome: `architecture.genotype` of the `neat` strategy's trials.
///
/// ```json
/// {"nodes": [{"id": 0, "type": "input"}, {"id": 1, "type": "input"}, {"id": 2, "type": "bias"},
///            {"id": 3, "type": "output", "activation": "steepsigmoid"},
///            {"id": 4, "type": "hidden", "activation": "steepsigmoid"}],
///  "connections": [{"innovation": 0, "from": 0, "to": 3, "weight": 0.7, "enabled": false},
///                  {"innovation": 6, "from": 0, "to": 4, "weight": 1.0, "enabled": true},
///                  {"innovation": 7, "from": 4, "to": 3, "weight": 0.7, "enabled": true}]}
/// ```
///
/// Nodes are listed by id, connections by innovation. Input `k` (in id order) takes the k-th
/// input value, the bias node is 1, and outputs are read in id order. `activation` is written
/// for hidden and output nodes; when absent it reads as `identity`.
extension NEATGenome {
    public var json: JSON {
        let nodeList: [JSON] = nodes.map { node in
            var object: JSONObject = ["id": .int(Int64(node.id)), "type": .string(node.kind.rawValue)]
            if node.kind == .hidden || node.kind == .output { object["activation"] = .string(node.activation.rawValue) }
            return .object(object)
        }
        let connectionList: [JSON] = connections.map { c in
            .object([
                "innovation": .int(Int64(c.innovation)), "from": .int(Int64(c.from)), "to": .int(Int64(c.to)),
                "weight": .double(c.weight), "enabled": .bool(c.enabled),
            ])
        }
        return .object(["nodes": .array(nodeList), "connections": .array(connectionList)])
    }

    /// Reads a genome, checking it is one NEAT can run: unique ids and innovations, at most
    /// one bias node, connections between known nodes, none into an input or the bias, finite
    /// weights, and no cycle.
    /// - Throws: `JSONFieldError` under `path` (`architecture.genotype.connections[4].to`).
    public init(json: JSON, path: String) throws(JSONFieldError) {
        guard case .object(let object) = json else {
            throw JSONFieldError(path: path, reason: "expected a genome object with nodes and connections, found \(json.typeDescription)")
        }
        let nodesPath = JSONPath.member(path, "nodes"), connectionsPath = JSONPath.member(path, "connections")
        guard case .array(let nodeItems)? = object["nodes"] else {
            throw JSONFieldError(path: nodesPath, reason: "expected an array of node genes")
        }
        guard case .array(let connectionItems)? = object["connections"] else {
            throw JSONFieldError(path: connectionsPath, reason: "expected an array of connection genes")
        }
        var nodes: [NEATNodeGene] = []
        var kinds: [Int: NEATNodeKind] = [:]
        for (i, item) in nodeItems.enumerated() {
            let itemPath = JSONPath.element(nodesPath, i)
            let node = try Self.node(item, path: itemPath)
            guard kinds[node.id] == nil else { throw JSONFieldError(path: JSONPath.member(itemPath, "id"), reason: "node id \(node.id) appears twice") }
            if node.kind == .bias && kinds.values.contains(.bias) {
                throw JSONFieldError(path: JSONPath.member(itemPath, "type"), reason: "a genome has at most one bias node")
            }
            kinds[node.id] = node.kind
            nodes.append(node)
        }
        var connections: [NEATConnectionGene] = []
        var innovations: Set<Int> = []
        for (i, item) in connectionItems.enumerated() {
            let itemPath = JSONPath.element(connectionsPath, i)
            let connection = try Self.connection(item, path: itemPath)
            guard innovations.insert(connection.innovation).inserted else {
                throw JSONFieldError(path: JSONPath.member(itemPath, "innovation"), reason: "innovation \(connection.innovation) appears twice")
            }
            guard kinds[connection.from] != nil else {
                throw JSONFieldError(path: JSONPath.member(itemPath, "from"), reason: "no node has id \(connection.from)")
            }
            guard let target = kinds[connection.to] else {
                throw JSONFieldError(path: JSONPath.member(itemPath, "to"), reason: "no node has id \(connection.to)")
            }
            guard target != .input && target != .bias else {
                throw JSONFieldError(path: JSONPath.member(itemPath, "to"), reason: "node \(connection.to) is an \(target.rawValue) node; nothing connects into it")
            }
            connections.append(connection)
        }
        self.init(nodes: nodes, connections: connections)
        if let node = NEATTopology.nodeOnCycle(self) {
            throw JSONFieldError(path: connectionsPath, reason: "the connections form a cycle through node \(node); genomes here are feed-forward")
        }
    }

    private static func node(_ item: JSON, path: String) throws(JSONFieldError) -> NEATNodeGene {
        guard case .object(let object) = item else { throw JSONFieldError(path: path, reason: "expected a node object") }
        let id = try integer(object["id"], path: JSONPath.member(path, "id"))
        guard let word = object["type"]?.stringValue, let kind = NEATNodeKind(rawValue: word) else {
            throw JSONFieldError(path: JSONPath.member(path, "type"), reason: "expected one of \(NEATNodeKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var activation = NEATActivation.identity
        if let value = object["activation"] {
            guard let word = value.stringValue, let parsed = NEATActivation(rawValue: word) else {
                throw JSONFieldError(path: JSONPath.member(path, "activation"), reason: "expected one of \(NEATActivation.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            activation = parsed
        }
        return NEATNodeGene(id: id, kind: kind, activation: activation)
    }

    private static func connection(_ item: JSON, path: String) throws(JSONFieldError) -> NEATConnectionGene {
        guard case .object(let object) = item else { throw JSONFieldError(path: path, reason: "expected a connection object") }
        let innovation = try integer(object["innovation"], path: JSONPath.member(path, "innovation"))
        let from = try integer(object["from"], path: JSONPath.member(path, "from"))
        let to = try integer(object["to"], path: JSONPath.member(path, "to"))
        guard let weight = object["weight"]?.doubleValue, weight.isFinite else {
            throw JSONFieldError(path: JSONPath.member(path, "weight"), reason: "expected a finite number")
        }
        var enabled = true
        if let value = object["enabled"] {
            guard let flag = value.boolValue else { throw JSONFieldError(path: JSONPath.member(path, "enabled"), reason: "expected a boolean") }
            enabled = flag
        }
        return NEATConnectionGene(innovation: innovation, from: from, to: to, weight: weight, enabled: enabled)
    }

    private static func integer(_ value: JSON?, path: String) throws(JSONFieldError) -> Int {
        guard let raw = value?.intValue, raw >= 0, raw < 1 << 40 else {
            throw JSONFieldError(path: path, reason: "expected a non-negative integer")
        }
        return Int(raw)
    }
}
