import AutoMLJSON

extension NASNetCellSpace {
    /// `{"normal": [[in0, "op0", in1, "op1", "combine"], ...], "reduction": [...]}`; input 0 is
    /// the cell's h₋₂, 1 its h₋₁, `2 + i` block `i`. `reduction` is empty without reductions.
    public func genotype(_ decisions: [Int]) -> JSON {
        var object = JSONObject()
        for cell in CellKind.allCases {
            object[cell.rawValue] = .array(blocks(of: cell, decisions).map { block in
                [.int(Int64(block.inputs[0])), .string(block.operations[0].rawValue),
                 .int(Int64(block.inputs[1])), .string(block.operations[1].rawValue), .string(block.combiner.rawValue)]
            })
        }
        return .object(object)
    }

    /// The decisions a genotype stands for (the inverse of `genotype(_:)`).
    /// - Throws: `JSONFieldError` under `path` naming the entry that does not fit this space.
    public func decisions(genotype: JSON, path: String = "genotype") throws(JSONFieldError) -> [Int] {
        var decisions: [Int] = []
        for cell in cellKinds {
            let cellPath = JSONPath.member(path, cell.rawValue)
            guard let rows = genotype[cell.rawValue]?.arrayValue, rows.count == blocks else {
                throw JSONFieldError(path: cellPath, reason: "expected an array of \(blocks) blocks")
            }
            for (b, row) in rows.enumerated() {
                let rowPath = JSONPath.element(cellPath, b)
                guard let items = row.arrayValue, items.count == 5 else {
                    throw JSONFieldError(path: rowPath, reason: "expected [in0, op0, in1, op1, combine]")
                }
                for (k, item) in items.enumerated() {
                    let at = JSONPath.element(rowPath, k)
                    let found: Int?
                    switch k {
                    case 0, 2: found = item.intValue.flatMap { Int(exactly: $0) }.flatMap { (0..<(2 + b)).contains($0) ? $0 : nil }
                    case 4: found = item.stringValue.flatMap(CellCombiner.init(rawValue:)).flatMap { combiners.firstIndex(of: $0) }
                    default: found = item.stringValue.flatMap(CellPrimitive.init(rawValue:)).flatMap { primitives.firstIndex(of: $0) }
                    }
                    guard let found else {
                        throw JSONFieldError(path: at, reason: k == 0 || k == 2
                                             ? "expected an input from 0 to \(1 + b)"
                                             : "expected one of \((k == 4 ? combiners.map(\.rawValue) : primitives.map(\.rawValue)).joined(separator: ", "))")
                    }
                    decisions.append(found)
                }
            }
        }
        return decisions
    }
}
