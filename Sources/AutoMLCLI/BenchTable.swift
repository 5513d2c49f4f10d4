import Foundation

/// A plain-text table for stderr: columns padded to their widest cell.
struct BenchTable {
    let columns: [String]
    var rows: [[String]] = []

    init(columns: [String]) { self.columns = columns }

    mutating func add(_ row: [String]) { rows.append(row) }

    func write() {
        let all = [columns] + rows
        let widths = columns.indices.map { index in all.map { $0.indices.contains(index) ? $0[index].count : 0 }.max() ?? 0 }
        var text = ""
        for (number, row) in all.enumerated() {
            text += row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") + "\n"
            if number == 0 { text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        FileHandleStderr.write(text + "\n")
    }

    /// Three significant digits, as in the anchor tables.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        return magnitude >= 1e-3 && magnitude < 1e5 ? String(format: "%.3g", value) : String(format: "%.2e", value)
    }
}
