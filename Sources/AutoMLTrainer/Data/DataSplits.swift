import AutoMLNumerics

/// A data set as loaded: training rows, optional test rows, and the names of classes and
/// features. `TrainingData.prepare` turns it into what the trainer consumes.
public struct DataSplits: Sendable, Equatable {
    public var train: Dataset
    public var test: Dataset?
    public var classNames: [String]
    public var featureNames: [String]

    public init(train: Dataset, test: Dataset?, classNames: [String], featureNames: [String]) {
        self.train = train
        self.test = test
        self.classNames = classNames
        self.featureNames = featureNames
    }

    /// Moves a seeded random `fraction` of the training rows (at least one, and at least one
    /// left) to the test set, for a CSV file that comes unsplit.
    public func holdingOut(_ fraction: Double, seed: UInt64) -> DataSplits {
        let (kept, held) = SeededSplit.split(rows: train.rows, fraction: fraction, seed: seed)
        var copy = self
        copy.train = train.subset(kept)
        copy.test = held.isEmpty ? nil : train.subset(held)
        return copy
    }
}

/// A seeded division of `0..<rows` into two parts.
enum SeededSplit {
    /// A random permutation of the rows split into (rest, a `fraction` of them); the fraction
    /// part has at least one row and leaves at least one, unless `fraction` is 0.
    static func split(rows: Int, fraction: Double, seed: UInt64) -> (rest: [Int], part: [Int]) {
        var order = Array(0..<rows)
        var generator = SeededGenerator(seed: seed)
        generator.shuffle(&order)
        guard fraction > 0, rows >= 2 else { return (order, []) }
        let count = min(max(Int((fraction * Double(rows)).rounded()), 1), rows - 1)
        return (Array(order[count...]), Array(order[..<count]))
    }
}
