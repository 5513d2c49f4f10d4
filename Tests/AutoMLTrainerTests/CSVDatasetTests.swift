import AutoMLTrainer
import Testing

@Suite struct CSVDatasetTests {
    @Test func aHeaderALabelColumnAndNumericFeaturesMakeADataSet() throws {
        let splits = try CSVDataset.parse("a,species,b\n1,setosa,2\n3.5,virginica,-4\n 0 , setosa ,1e2\n\n", labelColumn: "species")
        #expect(splits.featureNames == ["a", "b"])
        #expect(splits.classNames == ["setosa", "virginica"])
        #expect(splits.train.labels == [0, 1, 0])
        #expect(splits.train.features == Tensor(shape: [3, 2], scalars: [1, 2, 3.5, -4, 0, 100]))
    }

    @Test func theLabelColumnDefaultsToLabelThenToTheFirstColumn() throws {
        #expect(try CSVDataset.parse("x,label\n5,2\n6,0\n").train.labels == [2, 0])
        let first = try CSVDataset.parse("y,x\n1,5\n0,6\r\n")
        #expect(first.train.labels == [1, 0] && first.featureNames == ["x"] && first.train.classCount == 2)
    }

    @Test func quotedFieldsMayHoldCommasAndQuotes() throws {
        let splits = try CSVDataset.parse("label,x\n\"a, \"\"b\"\"\",1\nc,2\n")
        #expect(splits.classNames == ["a, \"b\"", "c"])
    }

    @Test(arguments: [
        ("label,x,y\n1,2,3\n0,4\n", CSVError.ragged(file: "<text>", line: 3, expected: 3, found: 2)),
        ("label,x\n1,2\n0,abc\n", CSVError.notNumeric(file: "<text>", line: 3, column: "x", text: "abc")),
        ("label,x\n1,\n", CSVError.notNumeric(file: "<text>", line: 2, column: "x", text: "")),
        ("label,x\n1,nan\n", CSVError.notNumeric(file: "<text>", line: 2, column: "x", text: "nan")),
        ("label,x\n1,\"2\n", CSVError.unterminatedQuote(file: "<text>", line: 2)),
        ("label,x\n", CSVError.noRows(file: "<text>")),
        ("\n\n", CSVError.noHeader(file: "<text>")),
    ])
    func malformedFilesAreErrorsWithLineNumbers(_ text: String, _ expected: CSVError) {
        #expect(throws: expected) { try CSVDataset.parse(text) }
    }

    @Test func aMissingLabelColumnNamesTheColumnsThereAre() {
        #expect(throws: CSVError.missingLabelColumn(file: "<text>", name: "target", columns: ["a", "b"])) {
            try CSVDataset.parse("a,b\n1,2\n", labelColumn: "target")
        }
        #expect(CSVError.ragged(file: "f.csv", line: 7, expected: 3, found: 2).description == "f.csv:7: 2 fields, but the header has 3")
    }

    @Test func anUnreadableFileIsAnError() {
        #expect(throws: CSVError.self) { try CSVDataset.load(path: "/nonexistent/data.csv") }
        #expect(throws: CSVError.self) { try BuiltinDatasets.load("no-such-set") }
    }
}

@Suite struct DataPreparationTests {
    @Test func theBuiltinSetsHaveTheirDocumentedSplits() throws {
        let digits = try BuiltinDatasets.load("digits")
        #expect(digits.train.rows == 1438 && digits.test?.rows == 359 && digits.train.featureCount == 64 && digits.train.classCount == 10)
        let mnist = try BuiltinDatasets.load("mnist1d")
        #expect(mnist.train.rows == 4000 && mnist.test?.rows == 1000 && mnist.train.featureCount == 40)
    }

    @Test func standardizationIsFittedOnTrainingRowsOnly() throws {
        let splits = try CSVDataset.parse("label,x\n0,1\n1,3\n0,100\n1,5\n")
        let held = splits.holdingOut(0.25, seed: 0)
        let test = try #require(held.test)
        let data = TrainingData(held, validationFraction: 0, seed: 0)
        let trainValues = held.train.features.scalars
        let mean = trainValues.reduce(0, +) / Float(trainValues.count)
        let deviation = (trainValues.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(trainValues.count)).squareRoot()
        #expect(abs((data.test?.features.scalars[0] ?? 0) - (test.features.scalars[0] - mean) / deviation) < 1e-4)
        let standardized = data.train.features.scalars
        #expect(abs(standardized.reduce(0, +)) < 1e-4)
    }

    @Test func aValidationSplitIsCarvedFromTheTrainingRowsBySeed() {
        let splits = DataSplits(train: Fixtures.blobs(rows: 40), test: nil, classNames: ["0", "1", "2"], featureNames: [])
        let a = TrainingData(splits, validationFraction: 0.25, seed: 1)
        let b = TrainingData(splits, validationFraction: 0.25, seed: 1)
        let c = TrainingData(splits, validationFraction: 0.25, seed: 2)
        #expect(a.train.rows == 30 && a.validation?.rows == 10)
        #expect(a == b)
        #expect(a.validation?.labels != c.validation?.labels || a.validation?.features != c.validation?.features)
        #expect(TrainingData(splits, validationFraction: 0, seed: 1).validation == nil)
    }
}
