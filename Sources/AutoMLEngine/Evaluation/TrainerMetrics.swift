import AutoMLJSON
import AutoMLNAS
import AutoMLStrategies
import AutoMLTrainer

/// The numbers one trainer evaluation measures, by name: what session objectives select on.
///
/// A trial's metrics are every numeric member of `TrainingResult.json` (`validationAccuracy`,
/// `validationLoss`, `testAccuracy`, `testLoss`, `parameters`, `macs`, `modelBytes`, `latencyMs`,
/// `trainingSeconds`, ...) plus two derived ones: `validationError` (1 − validation accuracy)
/// and `netscore` (`NetScore.score` of validation accuracy, parameters and MACs).
public enum TrainerMetrics {
    /// The metrics an objective may name, each with the direction in which it is better (nil:
    /// neither). Test metrics are absent on purpose: they are reported, never selected on, or the
    /// test set would stop measuring generalization.
    public static let selectable: [(name: String, better: Objective.Goal?)] = [
        ("validationError", .minimize),
        ("validationAccuracy", .maximize),
        ("validationLoss", .minimize),
        ("netscore", .maximize),
        ("parameters", .minimize),
        ("macs", .minimize),
        ("modelBytes", .minimize),
        ("latencyMs", .minimize),
        ("trainingSeconds", .minimize),
        ("samplesPerSecond", .maximize),
        ("epochsTrained", nil),
        ("bestEpoch", nil),
    ]

    /// Metrics measured on the test set: reported with every trial, refused as objectives.
    public static let testOnly: Set<String> = ["testAccuracy", "testLoss"]

    /// The default of `evaluator.metric`.
    public static let defaultMetric = "validationError"

    public static func isSelectable(_ name: String) -> Bool {
        selectable.contains { $0.name == name }
    }

    /// The direction in which `name` is better, when it has one.
    public static func better(_ name: String) -> Objective.Goal? {
        selectable.first { $0.name == name }?.better ?? nil
    }

    /// The metrics of a finished training run.
    public static func metrics(of result: TrainingResult) -> JSONObject {
        var metrics = JSONObject()
        for (key, value) in result.json.objectValue ?? [:] {
            if let number = value.doubleValue, number.isFinite { metrics[key] = value }
        }
        if let accuracy = result.validationAccuracy, accuracy.isFinite {
            metrics["validationError"] = .double(1 - accuracy)
            if let score = NetScore.score(accuracy: accuracy, parameters: result.parameterCount, macs: result.multiplyAccumulates) {
                metrics["netscore"] = .double(score)
            }
        }
        return metrics
    }

    /// The value of `metric` after one epoch, when an epoch measures it (validation metrics, and
    /// NetScore from the model's fixed size); nil for metrics known only at the end.
    public static func epochValue(_ metric: String, of epoch: EpochMetrics, parameters: Int, macs: Int) -> Double? {
        switch metric {
        case "validationError": return epoch.validationAccuracy.map { 1 - $0 }
        case "validationAccuracy": return epoch.validationAccuracy
        case "validationLoss": return epoch.validationLoss
        case "netscore":
            return epoch.validationAccuracy.flatMap { NetScore.score(accuracy: $0, parameters: parameters, macs: macs) }
        default: return nil
        }
    }
}
