import AutoMLJSON

extension MnasNetSpace {
    /// `{"blocks": [{"op": "mbconv6", "kernel": 5, "width": 1.0, "layers": 2, "skip": "identity",
    /// "channels": 24, "stride": 2}, ...]}`; `channels` and `stride` follow from the others.
    public func genotype(_ decisions: [Int]) -> JSON {
        .object(["blocks": .array((0..<blocks).map { b in
            let block = block(b, decisions)
            return [
                "op": .string(block.layer.rawValue), "kernel": .int(Int64(block.kernel)), "width": .double(block.width),
                "layers": .int(Int64(block.layers)), "skip": .string(block.skip ? "identity" : "none"),
                "channels": .int(Int64(max(1, Int((Double(baseChannels(b)) * block.width).rounded())))),
                "stride": .int(reduces(b) ? 2 : 1),
            ]
        })])
    }

    /// The decisions a genotype stands for (the inverse of `genotype(_:)`; `channels` and
    /// `stride` are ignored).
    /// - Throws: `JSONFieldError` under `path` naming the entry that does not fit this space.
    public func decisions(genotype: JSON, path: String = "genotype") throws(JSONFieldError) -> [Int] {
        let at = JSONPath.member(path, "blocks")
        guard let rows = genotype["blocks"]?.arrayValue, rows.count == blocks else {
            throw JSONFieldError(path: at, reason: "expected an array of \(blocks) blocks")
        }
        var decisions: [Int] = []
        for (b, row) in rows.enumerated() {
            let rowPath = JSONPath.element(at, b)
            func find(_ field: String, _ index: Int?, _ expected: String) throws(JSONFieldError) -> Int {
                guard let index else { throw JSONFieldError(path: JSONPath.member(rowPath, field), reason: "expected \(expected)") }
                return index
            }
            decisions.append(try find("op", row["op"]?.stringValue.flatMap { LayerKind(rawValue: $0) }.flatMap { LayerKind.allCases.firstIndex(of: $0) },
                                      LayerKind.allCases.map(\.rawValue).joined(separator: ", ")))
            decisions.append(try find("kernel", row["kernel"]?.intValue.flatMap { Self.kernels.firstIndex(of: Int($0)) }, "3 or 5"))
            decisions.append(try find("width", row["width"]?.doubleValue.flatMap { widths.firstIndex(of: $0) },
                                      "one of \(widths.map { "\($0)" }.joined(separator: ", "))"))
            decisions.append(try find("layers", row["layers"]?.intValue.flatMap { Self.layerCounts.firstIndex(of: Int($0)) }, "1, 2 or 3"))
            decisions.append(try find("skip", row["skip"]?.stringValue.flatMap { Self.skips.firstIndex(of: $0) }, "none or identity"))
        }
        return decisions
    }
}
