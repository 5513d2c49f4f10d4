import AutoMLJSON
import AutoMLNumerics
import AutoMLTrainer

/// Small synthetic data sets for fast debug-build tests.
enum Fixtures {
    /// `rows` points in `features` dimensions around `classes` well-separated centres.
    static func blobs(rows: Int = 32, features: Int = 4, classes: Int = 3, seed: UInt64 = 1, spread: Double = 0.5) -> Dataset {
        var generator = SeededGenerator(seed: seed)
        let centres = (0..<classes).map { _ in (0..<features).map { _ in generator.nextGaussian() * 3 } }
        var scalars: [Float] = [], labels: [Int] = []
        for row in 0..<rows {
            let label = row % classes
            labels.append(label)
            for f in 0..<features { scalars.append(Float(centres[label][f] + generator.nextGaussian() * spread)) }
        }
        return Dataset(features: Tensor(shape: [rows, features], scalars: scalars), labels: labels, classCount: classes)!
    }

    /// Blobs split into training, validation and test rows.
    static func data(rows: Int = 48, features: Int = 4, classes: Int = 3, validationFraction: Double = 0.25) -> TrainingData {
        let all = blobs(rows: rows, features: features, classes: classes)
        let splits = DataSplits(train: all, test: blobs(rows: 12, features: features, classes: classes, seed: 1),
                                classNames: (0..<classes).map(String.init), featureNames: (0..<features).map { "f\($0)" })
        return TrainingData(splits, validationFraction: validationFraction, seed: 3)
    }

    static func config(_ json: JSON) throws -> TrainingConfig {
        try TrainingConfig.decode(json)
    }

    /// A fresh scratch directory path (not created); remove it with `FileBytes.remove`.
    static func temporaryDirectory(_ name: String) -> String {
        var generator = SeededGenerator(seed: UInt64(UInt(bitPattern: name.hashValue)))
        return "/tmp/automl-trainer-tests-\(name)-\(generator.next())"
    }
}
