import Foundation

/// The small real data sets shipped with the trainer (see `Datasets/README.md` for their source
/// and licence): `digits` (8x8 handwritten digits) and `mnist1d` (MNIST-1D, train and test).
public enum BuiltinDatasets {
    /// The names `automl run --dataset` accepts.
    public static let names = ["digits", "mnist1d"]

    /// The path of a shipped file such as `digits.csv.gz`, or nil when it is not there.
    public static func path(of file: String) -> String? {
        let url = Bundle.module.url(forResource: "Datasets/" + file, withExtension: nil)
            ?? Bundle.module.resourceURL?.appendingPathComponent("Datasets").appendingPathComponent(file)
        guard let url, FileManager.default.fileExists(atPath: url.path) else { return nil }
        return url.path
    }

    /// A shipped data set with its documented split: digits rows whose 0-based index is 4
    /// modulo 5 are the test set (359 rows, 1438 train); MNIST-1D comes split (4000/1000).
    /// - Throws: `CSVError.unreadable` for an unknown name or a missing file.
    public static func load(_ name: String) throws(CSVError) -> DataSplits {
        switch name {
        case "digits":
            let all = try CSVDataset.load(path: try shipped("digits.csv.gz"))
            var copy = all
            copy.train = all.train.subset((0..<all.train.rows).filter { $0 % 5 != 4 })
            copy.test = all.train.subset((0..<all.train.rows).filter { $0 % 5 == 4 })
            return copy
        case "mnist1d":
            return try CSVDataset.load(train: try shipped("mnist1d-train.csv.gz"), test: try shipped("mnist1d-test.csv.gz"))
        default:
            throw .unreadable(file: name, message: "no built-in data set of that name; known: \(names.joined(separator: ", "))")
        }
    }

    /// A built-in data set by name, or else a CSV file by path; an unsplit CSV file gets a
    /// seeded `testFraction` of its rows held out as the test set.
    public static func load(nameOrPath: String, labelColumn: String? = nil, testFraction: Double = 0.2,
                            seed: UInt64 = 0) throws(CSVError) -> DataSplits {
        if names.contains(nameOrPath) { return try load(nameOrPath) }
        return try CSVDataset.load(path: nameOrPath, labelColumn: labelColumn).holdingOut(testFraction, seed: seed)
    }

    private static func shipped(_ file: String) throws(CSVError) -> String {
        guard let path = path(of: file) else { throw .unreadable(file: file, message: "the shipped data file is missing") }
        return path
    }
}
