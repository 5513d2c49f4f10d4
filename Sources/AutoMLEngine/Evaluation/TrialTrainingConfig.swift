import AutoMLJSON
import AutoMLStrategies
import AutoMLTrainer

/// The training config of one trial, merged from four sources, later ones winning member by
/// member:
///
/// 1. `evaluator.config` (the run's fixed members, say `{"epochs": 10}`);
/// 2. the trial's config (the session's hyper-parameters);
/// 3. `architecture.training`, an object of config members a NAS strategy attaches;
/// 4. `model: architecture.model`, when the trial's architecture carries a model description.
///
/// `seed` defaults to the evaluator's seed when none of them sets it.
public enum TrialTrainingConfig {
    /// The merged members, before decoding.
    /// - Throws: `JSONFieldError` at `architecture.training` when it is not an object.
    public static func members(evaluatorConfig: JSONObject, seed: UInt64, trial: TrialRecord) throws(JSONFieldError) -> JSONObject {
        var merged = evaluatorConfig
        for (key, value) in trial.config { merged[key] = value }
        if case .object(let architecture)? = trial.architecture {
            if let training = architecture["training"] {
                guard case .object(let members) = training else {
                    throw JSONFieldError(path: "architecture.training", reason: "expected an object of training-config members, found \(training.typeDescription)")
                }
                for (key, value) in members { merged[key] = value }
            }
            if let model = architecture["model"], !model.isNull { merged["model"] = model }
        }
        if merged["seed"] == nil { merged["seed"] = .int(Int64(bitPattern: seed & UInt64(Int64.max))) }
        return merged
    }

    /// The trial's `TrainingConfig`.
    /// - Throws: `JSONFieldError` naming the offending member (`config.learningRate: ...`).
    public static func decode(evaluatorConfig: JSONObject, seed: UInt64, trial: TrialRecord) throws(JSONFieldError) -> TrainingConfig {
        try TrainingConfig.decode(.object(members(evaluatorConfig: evaluatorConfig, seed: seed, trial: trial)), path: "config")
    }
}
