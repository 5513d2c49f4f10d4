import AutoMLJSON

extension HierarchicalSpace {
    /// The present edges: `{"motifs": [[[i, j, "primitive"], ...] per motif], "cell": [[i, j,
    /// "identity" | "motif<m>"], ...]}`; an absent edge is `none`.
    public func genotype(_ decisions: [Int]) -> JSON {
        let motifPairs = MotifGraph.pairs(nodes: nodes[0]), cellPairs = MotifGraph.pairs(nodes: nodes[1])
        let motifList: [JSON] = (0..<motifs).map { m in
            .array(motifPairs.enumerated().compactMap { e, pair in
                let k = choice(decisions, decisionIndex(motif: m, edge: e))
                return k == 0 ? nil : [.int(Int64(pair.from)), .int(Int64(pair.to)), .string(primitives[k - 1].rawValue)]
            })
        }
        let cell: [JSON] = cellPairs.enumerated().compactMap { e, pair in
            let k = choice(decisions, decisionIndex(motif: nil, edge: e))
            return k == 0 ? nil : [.int(Int64(pair.from)), .int(Int64(pair.to)), .string(cellOperationName(k))]
        }
        return ["motifs": .array(motifList), "cell": .array(cell)]
    }

    private func cellOperationName(_ choice: Int) -> String { choice == 1 ? "identity" : "motif\(choice - 2)" }

    /// The decisions a genotype stands for (the inverse of `genotype(_:)`).
    /// - Throws: `JSONFieldError` under `path` naming the entry that does not fit this space.
    public func decisions(genotype: JSON, path: String = "genotype") throws(JSONFieldError) -> [Int] {
        var decisions = Array(repeating: 0, count: choices.count)
        let motifsPath = JSONPath.member(path, "motifs")
        guard let motifList = genotype["motifs"]?.arrayValue, motifList.count == motifs else {
            throw JSONFieldError(path: motifsPath, reason: "expected an array of \(motifs) motifs")
        }
        let primitiveNames = primitives.map(\.rawValue)
        for (m, motif) in motifList.enumerated() {
            try readEdges(motif, nodes: nodes[0], names: primitiveNames, offset: 1, path: JSONPath.element(motifsPath, m)) {
                decisions[decisionIndex(motif: m, edge: $0)] = $1
            }
        }
        let cellNames = ["identity"] + (0..<motifs).map { "motif\($0)" }
        try readEdges(genotype["cell"] ?? .null, nodes: nodes[1], names: cellNames, offset: 1, path: JSONPath.member(path, "cell")) {
            decisions[decisionIndex(motif: nil, edge: $0)] = $1
        }
        return decisions
    }

    /// Reads `[[i, j, name], ...]`, calling `set(edge, offset + index of name)` once per edge.
    private func readEdges(_ json: JSON, nodes: Int, names: [String], offset: Int, path: String,
                           set: (Int, Int) -> Void) throws(JSONFieldError) {
        guard let rows = json.arrayValue else { throw JSONFieldError(path: path, reason: "expected an array of [from, to, operation]") }
        let pairs = MotifGraph.pairs(nodes: nodes)
        var seen = Set<Int>()
        for (r, row) in rows.enumerated() {
            let at = JSONPath.element(path, r)
            guard let items = row.arrayValue, items.count == 3,
                  let from = items[0].intValue, let to = items[1].intValue,
                  let edge = pairs.firstIndex(where: { Int64($0.from) == from && Int64($0.to) == to })
            else { throw JSONFieldError(path: at, reason: "expected [from, to, operation] with 0 ≤ from < to < \(nodes)") }
            guard let name = items[2].stringValue, let k = names.firstIndex(of: name) else {
                throw JSONFieldError(path: JSONPath.element(at, 2), reason: "expected one of \(names.joined(separator: ", "))")
            }
            guard seen.insert(edge).inserted else { throw JSONFieldError(path: at, reason: "edge \(from) → \(to) is listed twice") }
            set(edge, offset + k)
        }
    }
}
