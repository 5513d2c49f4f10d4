import AutoMLJSON
import AutoMLNAS
import AutoMLTrainer

extension NASBenchmark {
    /// One of a search's best architectures, retrained longer to pick the one the search found
    /// (Real et al. 2019 select among their top models after training them fully, because the
    /// short search trainings rank close networks no better than their noise).
    public struct Candidate: Sendable, Equatable {
        public var decisions: [Int]
        public var parameters: Int
        /// The value the search told it (after `epochs` epochs).
        public var searchValue: Double
        /// The same objective after `finalEpochs` epochs on the search's training rows, measured
        /// on its validation rows: what picks the found architecture among the candidates.
        public var value: Double
        public var validationAccuracy: Double

        public var json: JSON {
            ["decisions": .array(decisions.map { .int(Int64($0)) }), "parameters": .int(Int64(parameters)),
             "searchValue": .double(searchValue), "value": .double(value), "validationAccuracy": .double(validationAccuracy)]
        }
    }

    /// A trained trial of a search, kept so the final selection can retrain the best ones.
    struct TrainedTrial {
        var value: Double
        var accuracy: Double
        var test: Double
        var parameters: Int
        var macs: Int
        var model: ModelDescription
        var architecture: JSON?
        var decisions: [Int]?
    }

    /// The `finalCandidates` trials with the lowest told values (earlier first on ties), each
    /// retrained `finalEpochs` epochs on `data` (the search's split, so the test rows stay
    /// unseen); returns the index into `trained` of the one with the lowest retrained value,
    /// and every candidate. With one candidate (or no final retraining) the search's best is
    /// the found architecture, as before, and nothing is retrained.
    func selectFound(among trained: [TrainedTrial], data: TrainingData, seed: UInt64) throws -> (index: Int, candidates: [Candidate]) {
        let ranked = trained.indices.sorted { (trained[$0].value, $0) < (trained[$1].value, $1) }
        guard let first = ranked.first else { throw NASBenchmarkError.noTrial("the search") }
        guard finalCandidates > 1 && finalEpochs > 0 else { return (first, []) }
        var chosen = first, lowest = Double.infinity, candidates: [Candidate] = []
        for index in ranked.prefix(finalCandidates) {
            let entry = trained[index]
            let result = try Trainer.train(config: trainingConfig(model: entry.model, epochs: finalEpochs, seed: seed), data: data,
                                           options: TrainerOptions(latencyRuns: 0))
            let accuracy = result.validationAccuracy ?? 0
            let value = objectiveValue(accuracy: accuracy, loss: result.validationLoss)
            candidates.append(Candidate(decisions: entry.decisions ?? [], parameters: entry.parameters,
                                        searchValue: entry.value, value: value, validationAccuracy: accuracy))
            if value < lowest { lowest = value; chosen = index }
        }
        return (chosen, candidates)
    }

    /// What a trial is told for a training that reached `accuracy` and `loss` on validation
    /// (never infinite, so a diverged network still ranks last).
    func objectiveValue(accuracy: Double, loss: Double?) -> Double {
        let value = objective == .validationError ? 1 - accuracy : loss ?? .infinity
        return value.isFinite ? value : .greatestFiniteMagnitude
    }

    /// The final test accuracies of `config` (a found architecture's or a reference's):
    /// `finalTrainings` trainings of `finalEpochs` epochs on every training row, with training
    /// seeds seed, seed + 100, ... (one network's test accuracy moves by most of a point with
    /// the seed alone).
    func finalTestAccuracies(of config: TrainingConfig, splits: DataSplits, seed: UInt64) throws -> [Double] {
        guard finalEpochs > 0 else { return [] }
        let full = TrainingData(splits, validationFraction: 0, seed: seed)
        return try (0..<max(finalTrainings, 1)).map { training in
            var config = config
            config.seed = seed &+ UInt64(100 * training)
            config.epochs = finalEpochs
            return try Trainer.train(config: config, data: full, options: TrainerOptions(latencyRuns: 0)).testAccuracy ?? 0
        }
    }
}
