/// Loads classification data from CSV: a header row, one label column, numeric features.
///
/// ```swift
/// let splits = try CSVDataset.load(path: "iris.csv", labelColumn: "species")
/// ```
///
/// The label column is `labelColumn`, else the column named `label`, else the first column.
/// Every other column is a feature and every feature cell must be a finite number. Labels
/// that are all non-negative integers are their own class indices; otherwise the distinct
/// label texts, sorted, are the classes.
public enum CSVDataset {
    /// One file as a data set (no test split; see `DataSplits.holdingOut`).
    public static func load(path: String, labelColumn: String? = nil) throws(CSVError) -> DataSplits {
        let table = try LabeledTable(text: read(path), file: path, labelColumn: labelColumn)
        let mapping = ClassMapping(labels: table.labels)
        return DataSplits(train: table.dataset(mapping), test: nil, classNames: mapping.names, featureNames: table.featureNames)
    }

    /// A training file and a test file with the same columns.
    public static func load(train: String, test: String, labelColumn: String? = nil) throws(CSVError) -> DataSplits {
        let trainTable = try LabeledTable(text: read(train), file: train, labelColumn: labelColumn)
        let testTable = try LabeledTable(text: read(test), file: test, labelColumn: labelColumn)
        guard testTable.featureNames == trainTable.featureNames else {
            throw .featureMismatch(file: test, expected: trainTable.featureNames, found: testTable.featureNames)
        }
        let mapping = ClassMapping(labels: trainTable.labels + testTable.labels)
        return DataSplits(train: trainTable.dataset(mapping), test: testTable.dataset(mapping),
                          classNames: mapping.names, featureNames: trainTable.featureNames)
    }

    /// Parses CSV text (`file` names it in errors).
    public static func parse(_ text: String, file: String = "<text>", labelColumn: String? = nil) throws(CSVError) -> DataSplits {
        let table = try LabeledTable(text: text, file: file, labelColumn: labelColumn)
        let mapping = ClassMapping(labels: table.labels)
        return DataSplits(train: table.dataset(mapping), test: nil, classNames: mapping.names, featureNames: table.featureNames)
    }

    static func read(_ path: String) throws(CSVError) -> String {
        do {
            return String(decoding: try GzipFile.read(path), as: UTF8.self)
        } catch {
            throw .unreadable(file: path, message: error.description)
        }
    }
}

/// The rows of a CSV file split into label texts and a feature matrix.
struct LabeledTable {
    let featureNames: [String]
    let labels: [String]
    let features: [Float]

    init(text: String, file: String, labelColumn: String?) throws(CSVError) {
        let table = try CSVTable(text: text, file: file)
        let labelIndex: Int
        if let labelColumn {
            guard let index = table.header.firstIndex(of: labelColumn) else {
                throw .missingLabelColumn(file: file, name: labelColumn, columns: table.header)
            }
            labelIndex = index
        } else {
            labelIndex = table.header.firstIndex(of: "label") ?? 0
        }
        guard !table.rows.isEmpty else { throw .noRows(file: file) }
        let width = table.header.count
        var labels: [String] = [], features: [Float] = []
        labels.reserveCapacity(table.rows.count)
        features.reserveCapacity(table.rows.count * max(width - 1, 0))
        for (line, fields) in table.rows {
            guard fields.count == width else { throw .ragged(file: file, line: line, expected: width, found: fields.count) }
            for (column, field) in fields.enumerated() {
                let text = field.trimmingSpaces()
                if column == labelIndex {
                    labels.append(String(text))
                    continue
                }
                guard let value = Double(text), value.isFinite, abs(value) <= Double(Float.greatestFiniteMagnitude) else {
                    throw .notNumeric(file: file, line: line, column: table.header[column], text: String(text))
                }
                features.append(Float(value))
            }
        }
        featureNames = table.header.enumerated().filter { $0.offset != labelIndex }.map(\.element)
        self.labels = labels
        self.features = features
    }

    func dataset(_ mapping: ClassMapping) -> Dataset {
        let tensor = Tensor(shape: [labels.count, featureNames.count], scalars: features)
        // Every label is in the mapping, which was built from these labels.
        return Dataset(checkedFeatures: tensor, labels: labels.map { mapping.index[$0] ?? 0 }, classCount: mapping.names.count)
    }
}

/// Label texts to class indices.
struct ClassMapping {
    let names: [String]
    let index: [String: Int]

    /// Non-negative integers (below 65536) map to themselves; otherwise sorted distinct texts.
    init(labels: [String]) {
        let integers = labels.map { Int($0) }
        if !labels.isEmpty, integers.allSatisfy({ (0..<65_536).contains($0 ?? -1) }) {
            let count = (integers.compactMap { $0 }.max() ?? 0) + 1
            names = (0..<count).map(String.init)
            var index: [String: Int] = [:]
            for (text, value) in zip(labels, integers) { index[text] = value }
            self.index = index
        } else {
            names = Array(Set(labels)).sorted()
            index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        }
    }
}
