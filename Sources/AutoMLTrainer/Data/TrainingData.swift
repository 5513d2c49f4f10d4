/// Data ready for training: training rows in a seeded random order, an optional validation
/// split carved from the training rows, an optional test set, all standardized with
/// statistics fitted on the (remaining) training rows.
///
/// Because the training rows are shuffled once here, a prefix of them is a random subset,
/// and the subsets for growing fractions are nested: the trainer's data-fraction budgets
/// take prefixes.
public struct TrainingData: Sendable, Equatable {
    public var train: Dataset
    public var validation: Dataset?
    public var test: Dataset?
    public var classNames: [String]
    /// The standardization applied (nil when `standardize` was false).
    public var standardizer: Standardizer?

    public var classCount: Int { train.classCount }
    public var featureCount: Int { train.featureCount }

    /// - Parameters:
    ///   - splits: the loaded data.
    ///   - validationFraction: the share of training rows held out for validation (0 for none).
    ///   - seed: orders the rows and chooses the validation rows.
    ///   - standardize: fit per-feature standardization on the training rows and apply it.
    public init(_ splits: DataSplits, validationFraction: Double = 0.1, seed: UInt64 = 0, standardize: Bool = true) {
        let (rest, held) = SeededSplit.split(rows: splits.train.rows, fraction: validationFraction, seed: seed)
        var train = splits.train.subset(rest)
        var validation = held.isEmpty ? nil : splits.train.subset(held)
        var test = splits.test
        if let test, test.classCount > train.classCount { train.classCount = test.classCount }
        validation?.classCount = train.classCount
        test?.classCount = train.classCount
        if standardize {
            let standardizer = Standardizer(fitting: train.features)
            train = standardizer.apply(train)
            validation = validation.map(standardizer.apply)
            test = test.map(standardizer.apply)
            self.standardizer = standardizer
        }
        self.train = train
        self.validation = validation
        self.test = test
        classNames = splits.classNames
    }
}
