/// JSON forms of graphs: `{"nodes": [...], "edges": [...], "output": "name"}` with nodes
/// `{"name", "combine"?: "sum" | "mean" | "concat", "op"?}` and edges `{"from", "to", "op"?}`.
extension GraphSpec: Codable {
    enum CodingKeys: String, CodingKey { case nodes, edges, output }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        nodes = try c.decode([NodeSpec].self, forKey: .nodes)
        edges = try c.decode([EdgeSpec].self, forKey: .edges)
        output = try c.decodeIfPresent(String.self, forKey: .output)
        guard !nodes.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .nodes, in: c, debugDescription: "expected at least one node")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(nodes, forKey: .nodes)
        try c.encode(edges, forKey: .edges)
        try c.encodeIfPresent(output, forKey: .output)
    }
}

extension NodeSpec: Codable {
    enum CodingKeys: String, CodingKey { case name, combine, op }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        let word = try c.decodeIfPresent(String.self, forKey: .combine) ?? "sum"
        guard let combine = Combine(rawValue: word) else {
            throw DecodingError.dataCorruptedError(forKey: .combine, in: c, debugDescription: "expected \"sum\", \"mean\" or \"concat\"")
        }
        self.combine = combine
        operation = try c.decodeIfPresent(OperationSpec.self, forKey: .op)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(combine.rawValue, forKey: .combine)
        try c.encodeIfPresent(operation, forKey: .op)
    }
}

extension EdgeSpec: Codable {
    enum CodingKeys: String, CodingKey { case from, to, op }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        from = try c.decode(String.self, forKey: .from)
        to = try c.decode(String.self, forKey: .to)
        operation = try c.decodeIfPresent(OperationSpec.self, forKey: .op)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encodeIfPresent(operation, forKey: .op)
    }
}
