import AutoMLJSON

extension ModelBuilder {
    mutating func mixed(_ mixed: MixedOperation, input: [Int], name: String, path: String,
                        frozen: Bool) throws(JSONFieldError) -> Built {
        var layers: [any Layer] = [], shape: [Int]?, macs = 0
        let active = mixed.active ?? Array(mixed.candidates.indices)
        for (i, candidate) in mixed.candidates.enumerated() {
            let candidatePath = JSONPath.element(JSONPath.member(path, "candidates"), i)
            let built = try build(candidate, input: input, name: "\(name).\(i)", path: candidatePath, frozen: frozen)
            if let shape, shape != built.shape {
                throw JSONFieldError(path: candidatePath, reason: "candidates must agree on the output shape: \(built.shape) is not \(shape)")
            }
            shape = built.shape
            layers.append(built.layer)
            if active.contains(i) { macs += built.macs }
        }
        var alpha: Int?
        if mixed.weights == nil {
            alpha = try declare(mixed.alpha ?? "\(name).alpha", [mixed.candidates.count], .architecture, frozen, path, initial: mixed.alphaInit)
        }
        let layer = MixedLayer(candidates: layers, active: active, alpha: alpha, fixedWeights: (mixed.weights ?? []).map { Float($0) })
        return Built(layer: layer, shape: shape ?? input, macs: macs)
    }

    mutating func graph(_ graph: GraphSpec, input: [Int], name: String, path: String,
                        frozen: Bool) throws(JSONFieldError) -> Built {
        let prefix = name.isEmpty ? "" : name + "."
        var valueIndex = ["input": 0]
        var shapes = [input]
        var nodes: [GraphLayer.Node] = []
        var macs = 0
        for (k, node) in graph.nodes.enumerated() {
            let nodePath = JSONPath.element(JSONPath.member(path, "nodes"), k)
            guard valueIndex[node.name] == nil else {
                throw JSONFieldError(path: JSONPath.member(nodePath, "name"), reason: "node \"\(node.name)\" is declared twice (or is the reserved \"input\")")
            }
            var incoming: [(source: Int, operation: (any Layer)?)] = [], parts: [[Int]] = []
            for (e, edge) in graph.edges.enumerated() where edge.to == node.name {
                let edgePath = JSONPath.element(JSONPath.member(path, "edges"), e)
                guard let source = valueIndex[edge.from] else {
                    throw JSONFieldError(path: JSONPath.member(edgePath, "from"),
                                         reason: "\"\(edge.from)\" is not a node declared before \"\(edge.to)\" (list nodes in topological order)")
                }
                var shape = shapes[source], operation: (any Layer)?
                if let spec = edge.operation {
                    let built = try build(spec, input: shape, name: "\(prefix)edges.\(e)", path: JSONPath.member(edgePath, "op"), frozen: frozen)
                    (shape, operation) = (built.shape, built.layer)
                    macs += built.macs
                }
                incoming.append((source, operation))
                parts.append(shape)
            }
            guard let first = parts.first else { throw JSONFieldError(path: nodePath, reason: "node \"\(node.name)\" has no incoming edge") }
            var shape = first
            if node.combine == .concat {
                guard parts.allSatisfy({ !$0.isEmpty && $0.dropFirst() == first.dropFirst() }) else {
                    throw JSONFieldError(path: nodePath, reason: "concat needs inputs that agree on every axis but the first (channels): \(parts)")
                }
                shape[0] = parts.reduce(0) { $0 + $1[0] }
            } else if !parts.allSatisfy({ $0 == first }) {
                throw JSONFieldError(path: nodePath, reason: "\(node.combine.rawValue) needs inputs of one shape: \(parts)")
            }
            var operation: (any Layer)?
            if let spec = node.operation {
                let built = try build(spec, input: shape, name: prefix + node.name, path: JSONPath.member(nodePath, "op"), frozen: frozen)
                (shape, operation) = (built.shape, built.layer)
                macs += built.macs
            }
            nodes.append(GraphLayer.Node(incoming: incoming, combine: node.combine, operation: operation))
            shapes.append(shape)
            valueIndex[node.name] = nodes.count
        }
        guard let outputName = graph.output ?? graph.nodes.last?.name else {
            throw JSONFieldError(path: JSONPath.member(path, "nodes"), reason: "expected at least one node")
        }
        guard let output = valueIndex[outputName], output > 0 else {
            throw JSONFieldError(path: JSONPath.member(path, "output"), reason: "\"\(outputName)\" is not a node")
        }
        for (e, edge) in graph.edges.enumerated() where valueIndex[edge.to] == nil {
            throw JSONFieldError(path: JSONPath.member(JSONPath.element(JSONPath.member(path, "edges"), e), "to"),
                                 reason: "\"\(edge.to)\" is not a node")
        }
        return Built(layer: GraphLayer(nodes: nodes, output: output), shape: shapes[output], macs: macs)
    }
}
