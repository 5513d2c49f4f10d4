import AutoMLJSON
import AutoMLNAS
import AutoMLTrainer

/// The trainer evaluator's path for `neat` trials (`architecture.space == "neat"`): NEAT evolves
/// the weights with the topology, so nothing is trained; the genome's network is scored on the
/// validation rows (what the objectives select on) and on the test rows (reported).
enum NEATTrial {
    static let space = "neat"

    /// Whether the trial's architecture is a NEAT genome.
    static func applies(to architecture: JSON?) -> Bool {
        architecture?["space"]?.stringValue == space
    }

    /// Metrics `validationAccuracy`, `validationLoss`, `validationError`, `testAccuracy`,
    /// `testLoss`; a malformed genome, or one whose inputs and outputs do not match the data's
    /// features and classes, fails the trial.
    static func evaluate(_ architecture: JSON, data: TrainingData, objectives: ObjectiveMetrics) async throws -> TrialEvaluation {
        let scored: Result<JSONObject, JSONFieldError> = try await OffPool.run {
            do {
                var metrics = JSONObject()
                let validation = try NEATFitness.evaluate(architecture, on: data.validation ?? data.train)
                add(validation, as: "validation", to: &metrics)
                if let accuracy = metrics["validationAccuracy"]?.doubleValue { metrics["validationError"] = .double(1 - accuracy) }
                if let test = data.test { add(try NEATFitness.evaluate(architecture, on: test), as: "test", to: &metrics) }
                return .success(metrics)
            } catch let error as JSONFieldError {
                return .failure(error)
            }
        }
        try Task.checkCancellation()
        switch scored {
        case .failure(let error):
            return .failed(error.description)
        case .success(let metrics):
            switch objectives.values(from: metrics) {
            case .success(let values): return .complete(values: values, metrics: metrics)
            case .failure(let missing): return .failed(missing.description, metrics: metrics)
            }
        }
    }

    private static func add(_ score: (accuracy: Double, loss: Double), as prefix: String, to metrics: inout JSONObject) {
        if score.accuracy.isFinite { metrics[prefix + "Accuracy"] = .double(score.accuracy) }
        if score.loss.isFinite { metrics[prefix + "Loss"] = .double(score.loss) }
    }
}
