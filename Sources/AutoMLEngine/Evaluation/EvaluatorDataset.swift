import AutoMLJSON
import AutoMLTrainer
import Foundation

/// Loads the data a trainer evaluator trains on, once per run, with errors that name the field.
public enum EvaluatorDataset {
    /// The spec's data set, split into training, validation and test rows.
    ///
    /// A built-in name (`digits`, `mnist1d`) or the path of a CSV file, read by this process
    /// (relative paths from its working directory).
    /// - Throws: `JSONFieldError` at `path.dataset` (unknown name, unreadable or malformed file)
    ///   or `path.labelColumn` (no such column).
    public static func load(_ spec: TrainerEvaluatorSpec, path: String) throws(JSONFieldError) -> TrainingData {
        let datasetPath = JSONPath.member(path, "dataset")
        if !BuiltinDatasets.names.contains(spec.dataset) && !FileManager.default.fileExists(atPath: spec.dataset) {
            throw JSONFieldError(path: datasetPath, reason: "unknown data set \"\(spec.dataset)\": give \(BuiltinDatasets.names.joined(separator: ", ")) or the path of a CSV file")
        }
        let splits: DataSplits
        do {
            splits = try BuiltinDatasets.load(nameOrPath: spec.dataset, labelColumn: spec.labelColumn,
                                              testFraction: spec.testFraction, seed: spec.seed)
        } catch {
            if case .missingLabelColumn = error {
                throw JSONFieldError(path: JSONPath.member(path, "labelColumn"), reason: error.description)
            }
            throw JSONFieldError(path: datasetPath, reason: error.description)
        }
        guard splits.train.classCount >= 2 else {
            throw JSONFieldError(path: datasetPath, reason: "\(spec.dataset) has \(splits.train.classCount) class; classification needs at least 2")
        }
        return TrainingData(splits, validationFraction: spec.validationFraction, seed: spec.seed)
    }
}
