import AutoMLJSON
import AutoMLTrainer

/// What `session/run`'s `evaluator` asks of the embedded trainer, decoded strictly.
///
/// ```json
/// {"kind": "trainer", "dataset": "digits", "validationFraction": 0.2,
///  "config": {"epochs": 10}, "metric": "validationError", "budgetUnit": "epochs", "seed": 0}
/// ```
///
/// Only `kind` and `dataset` are required. Every error names its field under the path the
/// spec was decoded at (`params.evaluator.validationFraction: expected a number in (0, 1)`).
public struct TrainerEvaluatorSpec: Sendable, Equatable {
    /// How a suggestion's `budget` becomes a `TrainingBudget`.
    public enum BudgetUnit: String, Sendable, CaseIterable {
        /// `budget` epochs in total (a promotion continues its checkpoint up to them).
        case epochs
        /// The first `budget` (in (0, 1]) of the shuffled training rows, for the config's epochs.
        case fraction
    }

    /// The evaluator's `kind`: the only one there is.
    public static let kind = "trainer"
    /// Share of the training rows held out for validation when the spec gives none: a search
    /// selects among many configs on this split, so it is larger than `automl train`'s 0.1.
    public static let defaultValidationFraction = 0.2

    /// `digits`, `mnist1d`, or the path of a CSV file (read by the engine's process).
    public var dataset: String
    public var labelColumn: String?
    public var validationFraction: Double
    /// Share of an unsplit CSV file held out as the test set.
    public var testFraction: Double
    /// Training-config members every trial starts from (the trial's own config overrides them).
    public var config: JSONObject
    /// The metric a single objective not named after a metric takes (default `validationError`).
    public var metric: String?
    public var budgetUnit: BudgetUnit
    /// Seeds the validation split (and an unsplit CSV file's test split); also the training
    /// seed of trials whose merged config sets none.
    public var seed: UInt64

    public init(dataset: String, labelColumn: String? = nil, validationFraction: Double = defaultValidationFraction,
                testFraction: Double = 0.2, config: JSONObject = [:], metric: String? = nil,
                budgetUnit: BudgetUnit = .epochs, seed: UInt64 = 0) {
        self.dataset = dataset
        self.labelColumn = labelColumn
        self.validationFraction = validationFraction
        self.testFraction = testFraction
        self.config = config
        self.metric = metric
        self.budgetUnit = budgetUnit
        self.seed = seed
    }

    /// Decodes and checks a spec (the config members too, as a `TrainingConfig`).
    /// - Throws: `JSONFieldError` at `path.<field>`.
    public static func decode(_ json: JSON, path: String) throws(JSONFieldError) -> TrainerEvaluatorSpec {
        var decoder = JSONValueDecoder()
        decoder.rejectUnknownMembers = true
        let wire = try decoder.decode(Wire.self, from: json, path: path)
        func at(_ field: String) -> String { JSONPath.member(path, field) }
        guard wire.kind == kind else {
            throw JSONFieldError(path: at("kind"), reason: "expected \"\(kind)\" (the embedded trainer), found \"\(wire.kind)\"")
        }
        guard !wire.dataset.isEmpty else {
            throw JSONFieldError(path: at("dataset"), reason: "give digits, mnist1d or the path of a CSV file")
        }
        var spec = TrainerEvaluatorSpec(dataset: wire.dataset, labelColumn: wire.labelColumn, metric: wire.metric)
        if let fraction = wire.validationFraction {
            guard fraction > 0, fraction < 1 else {
                throw JSONFieldError(path: at("validationFraction"), reason: "expected a number in (0, 1), found \(fraction)")
            }
            spec.validationFraction = fraction
        }
        if let fraction = wire.testFraction {
            guard fraction > 0, fraction < 1 else {
                throw JSONFieldError(path: at("testFraction"), reason: "expected a number in (0, 1), found \(fraction)")
            }
            spec.testFraction = fraction
        }
        if let config = wire.config {
            guard case .object(let members) = config else {
                throw JSONFieldError(path: at("config"), reason: "expected an object of training-config members, found \(config.typeDescription)")
            }
            _ = try TrainingConfig.decode(config, path: at("config"))
            spec.config = members
        }
        if let unit = wire.budgetUnit {
            guard let parsed = BudgetUnit(rawValue: unit) else {
                throw JSONFieldError(path: at("budgetUnit"), reason: "expected \"epochs\" or \"fraction\", found \"\(unit)\"")
            }
            spec.budgetUnit = parsed
        }
        if let seed = wire.seed {
            guard seed >= 0 else { throw JSONFieldError(path: at("seed"), reason: "a seed is a non-negative integer") }
            spec.seed = UInt64(seed)
        }
        return spec
    }

    /// The wire members, before checks.
    private struct Wire: Decodable {
        var kind: String
        var dataset: String
        var labelColumn: String?
        var validationFraction: Double?
        var testFraction: Double?
        var config: JSON?
        var metric: String?
        var budgetUnit: String?
        var seed: Int64?
    }
}
