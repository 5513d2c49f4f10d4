import AutoMLEngine
import AutoMLJSON
import AutoMLNAS
import AutoMLSpace
import AutoMLStrategies
import AutoMLTrainer
import Foundation

/// `automl bench nas`: architecture search on MNIST-1D, end to end with the embedded trainer.
///
/// For each strategy and seed, a session runs `trials` trials through the same ask/tell path a
/// client takes. Each architecture's `model` (read back from the suggestion's wire form, as an
/// external evaluator would) is trained `epochs` epochs with fixed hyper-parameters (AdamW,
/// one-cycle to `learningRate`, weight decay 0.01, batch 100) on the training rows minus a validation
/// share (`validationFraction`), and the session is told `objective` (validation error or
/// loss). The architecture with the lowest value is the one found (or, with `finalCandidates`
/// > 1, the best of that many top architectures after retraining them `finalEpochs` epochs on
/// the same split): the row reports its test accuracy (never used for selection), parameters,
/// multiply-accumulates, NetScore, and the process CPU seconds the search took. With
/// `finalEpochs` > 0 the found architecture is also retrained on every training row with the
/// hand-made references' recipe (`finalEpochs` epochs, `finalTrainings` times) and tested, so
/// that it can be compared with the references fairly.
public struct NASBenchmark: Sendable {
    public var trials = 20
    public var epochs = 10
    public var finalEpochs = 0
    /// The architecture space (nil: the default NASNet cell space for MNIST-1D).
    public var space: JSON?
    public var validationFraction = 0.1
    /// A hard size constraint: an architecture with more parameters is told `failed` without
    /// training (counted in `Row.rejected`, not in `trials`), so the search spends its budget
    /// on networks that could dominate the references. Nil: no constraint.
    public var maxParameters: Int?
    /// What each trial is told, and what picks the found architecture (the lowest).
    public var objective: TrialObjective = .validationError
    /// The evolutionary strategies' population; nil: `defaultPopulation`, scaled to the budget.
    public var population: Int?
    /// Regularized evolution's tournament size; nil: half the population.
    public var sample: Int?
    /// How many of the search's best architectures are retrained `finalEpochs` epochs on the
    /// search's split before one is picked as found (1: the search's best is found).
    public var finalCandidates = 1
    /// How many times the found architecture (and each measured reference) is retrained for its
    /// final test accuracy, with different training seeds; the mean is reported.
    public var finalTrainings = 1
    /// Whether every trial is validated on the same rows (`fixed`) or on its own seeded draw of
    /// them (`perTrial`). On one fixed split a network's luck with those rows could be shared by
    /// its near copies, letting a strategy that breeds from its best climb that luck rather than
    /// the networks' quality; a fresh split per trial makes the luck independent from trial to
    /// trial. (On MNIST-1D the trials' residuals showed no such sharing: Documentation/NAS.md.)
    public var validationSplit: ValidationSplit = .fixed

    /// How the trials' validation rows are drawn.
    public enum ValidationSplit: String, Sendable, CaseIterable {
        case fixed, perTrial
    }

    /// The peak learning rate (one-cycle) of every training the benchmark runs: trials, final
    /// retrainings and the measured references, so the comparison stays one recipe.
    public var learningRate = NASBenchmark.defaultLearningRate
    /// The hand-made references' published recipe peaks at 3e-3.
    public static let defaultLearningRate = 3e-3

    /// The population the evolutionary strategies get by default: a quarter of the trials (at
    /// least 4), since the strategies' own default (20) would spend a 20-trial budget on the
    /// random start alone.
    public var defaultPopulation: Int { max(4, trials / 4) }

    /// What the rows of two runs must share to be compared seed by seed: the budget, the
    /// training, what is told and how the found architecture is picked and retrained (the
    /// space and population are in each row's `options`).
    public var settings: JSON {
        var object: JSONObject = [
            "trials": .int(Int64(trials)), "epochs": .int(Int64(epochs)), "finalEpochs": .int(Int64(finalEpochs)),
            "finalCandidates": .int(Int64(finalCandidates)), "finalTrainings": .int(Int64(finalTrainings)),
            "objective": .string(objective.rawValue), "validationFraction": .double(validationFraction),
        ]
        if let maxParameters { object["maxParameters"] = .int(Int64(maxParameters)) }
        // Only when changed, so rows from before the option still pair with today's defaults.
        if learningRate != Self.defaultLearningRate { object["learningRate"] = .double(learningRate) }
        if validationSplit != .fixed { object["validationSplit"] = .string(validationSplit.rawValue) }
        return .object(object)
    }

    /// The value a trial is told: `1 − validation accuracy` (steps of one validation row, so
    /// good architectures tie) or the validation cross-entropy (continuous: ties break).
    public enum TrialObjective: String, Sendable, CaseIterable {
        case validationError, validationLoss
    }

    public init() {}

    /// A hand-made MNIST-1D network of the issue, to compare the found ones with.
    public struct Reference: Sendable {
        public var name: String
        public var testAccuracy: Double
        public var parameters: Int
        public var macs: Int
        /// The training config of the reference's accuracy run (40 epochs, one-cycle to 3e-3).
        public var config: TrainingConfig
        public var netScore: Double? { NetScore.score(accuracy: testAccuracy, parameters: parameters, macs: macs) }

        /// The reference with `accuracy` in place of the figure.
        public func measured(_ accuracy: Double) -> Reference {
            var copy = self
            copy.testAccuracy = accuracy
            return copy
        }
    }

    /// The two hand-made 1-D CNNs: 98.9% with 63k parameters (4 dilated convolutions of
    /// 64 channels, kernel 3) and 99.1% with 88k (kernel 5, no dilation); their parameters and
    /// MACs are counted here by building them.
    public static func references() throws -> [Reference] {
        let dilated = ReferenceModel.cnn1d.accuracyConfig
        var wide = dilated
        wide.kernel = 5
        wide.dilated = false
        return try [("cnn1d-dilated-k3", dilated, 0.989), ("cnn1d-k5", wide, 0.991)].map { name, config, accuracy in
            let model = try Trainer.model(for: config, features: 40, classes: 10)
            return Reference(name: name, testAccuracy: accuracy, parameters: model.parameters.parameterCount,
                             macs: model.multiplyAccumulates, config: config)
        }
    }

    /// The training config every architecture is trained with.
    public func trainingConfig(model: ModelDescription, epochs: Int, seed: UInt64) -> TrainingConfig {
        var config = TrainingConfig()
        config.seed = seed
        config.epochs = epochs
        config.batchSize = 100
        config.optimizer = .adamw
        config.weightDecay = 0.01
        config.schedule = .onecycle
        config.learningRate = learningRate
        config.model = model
        return config
    }

    public struct Row: Sendable {
        public var strategy: String
        public var seed: UInt64
        public var trials: Int
        /// Architectures told `failed` for exceeding `maxParameters`.
        public var rejected = 0
        /// Architectures asked again after they were trained, told their earlier value without
        /// training (not counted in `trials`).
        public var repeats = 0
        /// The value the found architecture was told (the search's objective, lowest wins).
        public var value = Double.nan
        public var validationAccuracy: Double
        /// The mean validation accuracy of the five best trials: what the search found, less
        /// dependent on one lucky evaluation than the best alone.
        public var topFiveValidationAccuracy: Double
        /// The mean validation accuracy of the second half of the trials: where the search
        /// samples once it has learnt something (random search's stays where it started).
        public var secondHalfValidationAccuracy: Double
        public var testAccuracy: Double
        /// The found architecture's final test accuracy, the mean of `finalTestAccuracies`.
        public var finalTestAccuracy: Double?
        /// One test accuracy per final training (`finalTrainings` of them).
        public var finalTestAccuracies: [Double] = []
        /// The best architectures retrained to pick the found one (empty: the search's best was
        /// taken as found).
        public var candidates: [Candidate] = []
        public var parameters: Int
        public var macs: Int
        public var cpuSeconds: Double
        public var genotype: JSON
        public var decisions: [Int]
        /// The strategy options the search ran with.
        public var options: JSON?
        /// The benchmark's `settings` for the search.
        public var settings: JSON?
        /// Every trained trial, in training order (repeats and rejected draws left out).
        public var trialRecords: [TrialRecord] = []
        /// NetScore of the found architecture, from the final test accuracy when there is one.
        public var netScore: Double? {
            NetScore.score(accuracy: finalTestAccuracy ?? testAccuracy, parameters: parameters, macs: macs)
        }

        /// Whether the found architecture dominates `reference`: no less accurate (final test
        /// accuracy when retrained, else test accuracy) and no larger, better in one.
        public func dominates(_ reference: Reference) -> Bool {
            let accuracy = finalTestAccuracy ?? testAccuracy
            return accuracy >= reference.testAccuracy && parameters <= reference.parameters
                && (accuracy > reference.testAccuracy || parameters < reference.parameters)
        }

        /// The row as a JSON line; `dominates` names the references it dominates,
        /// `dominatesMeasured` (when `measured` is not empty) the same-run ones.
        public func json(references: [Reference], measured: [Reference] = []) -> JSON {
            var object: JSONObject = [
                "kind": "nas", "dataset": "mnist1d", "strategy": .string(strategy), "seed": .int(Int64(seed)),
                "trials": .int(Int64(trials)), "rejected": .int(Int64(rejected)),
                "repeats": .int(Int64(repeats)), "validationAccuracy": .double(validationAccuracy),
                "topFiveValidationAccuracy": .double(topFiveValidationAccuracy),
                "secondHalfValidationAccuracy": .double(secondHalfValidationAccuracy),
                "testAccuracy": .double(testAccuracy), "parameters": .int(Int64(parameters)), "macs": .int(Int64(macs)),
                "cpuSeconds": .double(cpuSeconds), "genotype": genotype,
                "decisions": .array(decisions.map { .int(Int64($0)) }),
            ]
            if let finalTestAccuracy { object["finalTestAccuracy"] = .double(finalTestAccuracy) }
            if finalTestAccuracies.count > 1 { object["finalTestAccuracies"] = .array(finalTestAccuracies.map { .double($0) }) }
            if !candidates.isEmpty { object["candidates"] = .array(candidates.map(\.json)) }
            if value.isFinite { object["value"] = .double(value) }
            if let options { object["options"] = options }
            if let settings { object["settings"] = settings }
            if let netScore { object["netScore"] = .double(netScore) }
            object["dominates"] = .array(references.filter(dominates).map { .string($0.name) })
            if !measured.isEmpty { object["dominatesMeasured"] = .array(measured.filter(dominates).map { .string($0.name) }) }
            return .object(object)
        }
    }

    /// The test accuracy of a reference trained here with the final retraining's recipe
    /// (`finalEpochs` epochs on every training row, seed `seed`; the mean of `finalTrainings`
    /// trainings as for the found architectures): the same-run baseline the
    /// found architectures are compared with, beside the figures.
    public func measure(_ reference: Reference, seed: UInt64, splits: DataSplits) throws -> Double {
        var config = reference.config
        config.learningRate = learningRate
        let accuracies = try finalTestAccuracies(of: config, splits: splits, seed: seed)
        return accuracies.reduce(0, +) / Double(max(accuracies.count, 1))
    }

    /// The strategy's options: the space, and for the evolutionary strategies the population
    /// (`population`, else `defaultPopulation`) and tournament (`sample`, else about half the
    /// population).
    public func options(for strategy: String) -> JSON? {
        var object = JSONObject()
        if let space { object["space"] = space }
        let population = self.population ?? defaultPopulation
        switch strategy {
        case "regularized-evolution":
            object["population"] = .int(Int64(population))
            object["sample"] = .int(Int64(sample ?? max(2, population / 2)))
        case "hierarchical-evolution":
            object["initialPopulation"] = .int(Int64(population))
        default: break
        }
        return object.isEmpty ? nil : .object(object)
    }

    /// The session's params: a session declares at least one; the training hyper-parameters
    /// are fixed here, so the one parameter has a single value.
    static let sessionSpace: JSON = ["params": [["name": "recipe", "type": "categorical", "choices": ["fixed"]]]]

    /// One search: `trials` trials of `strategy` with session seed `seed`.
    /// - Parameter progress: called after each trial with its number and validation accuracy.
    public func run(strategy: String, seed: UInt64, splits: DataSplits,
                    progress: (Int, Double) -> Void = { _, _ in }) async throws -> Row {
        let start = Self.cpuSeconds()
        let data = TrainingData(splits, validationFraction: validationFraction, seed: seed)
        let options = self.options(for: strategy)
        let session = try await Engine(dataDir: nil).create(
            CreateRequest(strategy: strategy, options: options, space: SearchSpace(json: Self.sessionSpace, path: "space"),
                          seed: seed, name: "bench-nas"))
        var trained: [TrainedTrial] = []
        var done = 0, rejected = 0, repeats = 0
        // Training is deterministic here (one seed, one split), so an architecture asked again
        // (evolution's identity mutation, a mutation back to a known network) would train to
        // the same numbers: it is told them without training and not counted in `trials`.
        var told: [[Int]: Double] = [:]
        while done < trials && rejected < 50 * trials && repeats < 50 * trials {
            let reply = try await session.ask(count: 1, clientId: nil)
            guard let trial = reply.trials.first else { break }
            let decisions = Architecture.decisions(in: trial.architecture)
            if let decisions, let value = told[decisions] {
                _ = try await session.tell(trialId: trial.id, state: .complete, values: [value], budget: nil, cost: 0)
                repeats += 1
                continue
            }
            guard let modelJSON = trial.architecture?["model"] else {
                _ = try await session.tell(trialId: trial.id, state: .failed, values: nil, budget: nil, cost: nil)
                done += 1
                continue
            }
            let model = try ModelDescription.decode(modelJSON, path: "architecture.model")
            let config = trainingConfig(model: model, epochs: epochs, seed: seed)
            if let maxParameters,
               try Trainer.model(for: config, features: data.featureCount, classes: data.classCount).parameters.parameterCount > maxParameters {
                _ = try await session.tell(trialId: trial.id, state: .failed, values: nil, budget: nil, cost: nil)
                rejected += 1
                continue
            }
            let result = try Trainer.train(config: config, data: trialData(number: trained.count + 1, fixed: data, splits: splits, seed: seed),
                                           options: TrainerOptions(latencyRuns: 0))
            let accuracy = result.validationAccuracy ?? 0
            let value = objectiveValue(accuracy: accuracy, loss: result.validationLoss)
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [value], budget: nil, cost: result.trainingSeconds)
            if let decisions { told[decisions] = value }
            trained.append(TrainedTrial(value: value, accuracy: accuracy, test: result.testAccuracy ?? 0,
                                        parameters: result.parameterCount, macs: result.multiplyAccumulates, model: model,
                                        architecture: trial.architecture, decisions: decisions))
            done += 1
            progress(done, accuracy)
        }
        guard !trained.isEmpty else { throw NASBenchmarkError.noTrial(strategy) }
        let (index, candidates) = try selectFound(among: trained, data: data, seed: seed)
        let found = trained[index]
        let finals = try finalTestAccuracies(of: trainingConfig(model: found.model, epochs: finalEpochs, seed: seed), splits: splits, seed: seed)
        let accuracies = trained.map(\.accuracy)
        let topFive = accuracies.sorted(by: >).prefix(5), secondHalf = accuracies.suffix(accuracies.count / 2)
        return Row(strategy: strategy, seed: seed, trials: done, rejected: rejected, repeats: repeats, value: found.value,
                   validationAccuracy: found.accuracy,
                   topFiveValidationAccuracy: topFive.reduce(0, +) / Double(topFive.count),
                   secondHalfValidationAccuracy: secondHalf.isEmpty ? found.accuracy : secondHalf.reduce(0, +) / Double(secondHalf.count),
                   testAccuracy: found.test,
                   finalTestAccuracy: finals.isEmpty ? nil : finals.reduce(0, +) / Double(finals.count),
                   finalTestAccuracies: finals, candidates: candidates, parameters: found.parameters, macs: found.macs,
                   cpuSeconds: Self.cpuSeconds() - start, genotype: found.architecture?["genotype"] ?? .null,
                   decisions: found.decisions ?? [], options: options, settings: settings,
                   trialRecords: trained.enumerated().map { number, trial in
                       TrialRecord(number: number + 1, decisions: trial.decisions ?? [], parameters: trial.parameters,
                                   value: trial.value, validationAccuracy: trial.accuracy, testAccuracy: trial.test)
                   })
    }

    /// The rows the `number`-th trained network of the search with `seed` trains and validates
    /// on (from 1: its `TrialRecord.number`, so a script can rebuild the split from a `nas-trial`
    /// line): the search's `fixed` split, or with `perTrial` a split of its own (data seed
    /// seed + 1000 × number, so that no two trials of seeds below 1000 share one). The test rows
    /// are the same.
    func trialData(number: Int, fixed: TrainingData, splits: DataSplits, seed: UInt64) -> TrainingData {
        guard validationSplit == .perTrial else { return fixed }
        return TrainingData(splits, validationFraction: validationFraction, seed: seed &+ 1000 &* UInt64(number))
    }

    /// User plus system CPU seconds of this process so far.
    public static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

public enum NASBenchmarkError: Error, CustomStringConvertible {
    case noTrial(String)

    public var description: String {
        switch self {
        case .noTrial(let strategy): return "\(strategy) handed out no trial"
        }
    }
}
