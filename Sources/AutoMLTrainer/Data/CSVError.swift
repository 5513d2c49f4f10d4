/// Why a CSV file could not become a data set; descriptions start with `file:line:`.
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(file: String, message: String)
    case noHeader(file: String)
    case missingLabelColumn(file: String, name: String, columns: [String])
    case ragged(file: String, line: Int, expected: Int, found: Int)
    case notNumeric(file: String, line: Int, column: String, text: String)
    case unterminatedQuote(file: String, line: Int)
    case noRows(file: String)
    case featureMismatch(file: String, expected: [String], found: [String])

    public var description: String {
        switch self {
        case .unreadable(let file, let message): return "\(file): \(message)"
        case .noHeader(let file): return "\(file): empty, expected a header line"
        case .missingLabelColumn(let file, let name, let columns):
            return "\(file):1: no label column \"\(name)\"; the columns are \(columns.joined(separator: ", "))"
        case .ragged(let file, let line, let expected, let found):
            return "\(file):\(line): \(found) fields, but the header has \(expected)"
        case .notNumeric(let file, let line, let column, let text):
            return "\(file):\(line): column \"\(column)\": \"\(text)\" is not a finite number"
        case .unterminatedQuote(let file, let line): return "\(file):\(line): a quoted field does not end on this line"
        case .noRows(let file): return "\(file): a header but no data rows"
        case .featureMismatch(let file, let expected, let found):
            return "\(file):1: feature columns \(found) differ from the training file's \(expected)"
        }
    }
}
