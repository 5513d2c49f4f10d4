/// A CSV text split into a header and rows of fields, each row with its line number.
///
/// Commas separate fields; a field may be double-quoted (then it may contain commas, and `""`
/// stands for a quote); `\r\n` line ends are accepted; blank lines are skipped. Quoted fields
/// do not span lines.
struct CSVTable {
    let header: [String]
    let rows: [(line: Int, fields: [Substring])]

    init(text: String, file: String) throws(CSVError) {
        var header: [String]?
        var rows: [(Int, [Substring])] = []
        var lineNumber = 0
        // Lines split on the UTF-8 newline byte: a "\r\n" is one Character in Swift, so
        // splitting Characters on "\n" would not separate Windows lines.
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Substring(rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine)
            if line.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
            guard let fields = Self.fields(of: line) else { throw .unterminatedQuote(file: file, line: lineNumber) }
            if header == nil {
                header = fields.map { String($0.trimmingSpaces()) }
            } else {
                rows.append((lineNumber, fields))
            }
        }
        guard let header else { throw .noHeader(file: file) }
        self.header = header
        self.rows = rows
    }

    /// The fields of one line, or nil when a quote is left open.
    static func fields(of line: Substring) -> [Substring]? {
        guard line.utf8.contains(UInt8(ascii: "\"")) else {
            return line.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { Substring($0) }
        }
        var fields: [Substring] = []
        var current = "", quoted = false, index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if quoted {
                if character == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex && line[next] == "\"" { current.append("\""); index = next } else { quoted = false }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(Substring(current))
                current = ""
            } else {
                current.append(character)
            }
            index = line.index(after: index)
        }
        guard !quoted else { return nil }
        fields.append(Substring(current))
        return fields
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        let start = firstIndex(where: { $0 != " " && $0 != "\t" }) ?? endIndex
        let end = lastIndex(where: { $0 != " " && $0 != "\t" }).map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
    }
}
