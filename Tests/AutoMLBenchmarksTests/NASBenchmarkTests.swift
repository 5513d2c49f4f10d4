@testable import AutoMLBenchmarks
import AutoMLNumerics
import AutoMLJSON
import AutoMLTrainer
import Testing

@Suite struct NASBenchmarkTests {
    static func row(accuracy: Double, parameters: Int) -> NASBenchmark.Row {
        NASBenchmark.Row(strategy: "nas-random", seed: 0, trials: 1, validationAccuracy: accuracy, topFiveValidationAccuracy: accuracy,
                         secondHalfValidationAccuracy: accuracy,
                         testAccuracy: 0.5, finalTestAccuracy: accuracy, parameters: parameters, macs: 1000, cpuSeconds: 1,
                         genotype: .null, decisions: [])
    }

    @Test func aFoundNetworkDominatesWhenNoWorseInBothAndBetterInOne() throws {
        let reference = try #require(NASBenchmark.references().first)
        #expect(reference.parameters == 63_434 && reference.testAccuracy == 0.989)
        #expect(Self.row(accuracy: 0.989, parameters: 60_000).dominates(reference))
        #expect(Self.row(accuracy: 0.990, parameters: 63_434).dominates(reference))
        #expect(!Self.row(accuracy: 0.989, parameters: 63_434).dominates(reference))  // equal is not better
        #expect(!Self.row(accuracy: 0.995, parameters: 63_435).dominates(reference))
        #expect(!Self.row(accuracy: 0.988, parameters: 10_000).dominates(reference))
        #expect(Self.row(accuracy: 0.985, parameters: 60_000).dominates(reference.measured(0.984)))
    }

    @Test func evolutionGetsAPopulationScaledToTheBudgetUnlessOneIsGiven() {
        var benchmark = NASBenchmark()
        benchmark.trials = 80
        #expect(benchmark.options(for: "regularized-evolution") == ["population": 20, "sample": 10])
        #expect(benchmark.options(for: "hierarchical-evolution") == ["initialPopulation": 20])
        #expect(benchmark.options(for: "nas-random") == nil)
        benchmark.population = 10
        #expect(benchmark.options(for: "regularized-evolution") == ["population": 10, "sample": 5])
        benchmark.sample = 3
        #expect(benchmark.options(for: "regularized-evolution") == ["population": 10, "sample": 3])
        #expect(benchmark.options(for: "hierarchical-evolution") == ["initialPopulation": 10])
    }

    /// One recipe for every training, and rows of the default recipe keep the settings older
    /// rows have, so `bench nas-compare` still pairs them.
    @Test func theLearningRateReachesEveryTrainingAndTheSettingsOnlyWhenChanged() throws {
        var benchmark = NASBenchmark()
        let model = ModelDescription(inputShape: [1, 40], layers: [OperationSpec(.linear(units: 10, bias: true))])
        #expect(benchmark.trainingConfig(model: model, epochs: 1, seed: 0).learningRate == 3e-3)
        #expect(benchmark.settings["learningRate"] == nil)
        benchmark.learningRate = 0.01
        #expect(benchmark.trainingConfig(model: model, epochs: 1, seed: 0).learningRate == 0.01)
        #expect(benchmark.settings["learningRate"]?.doubleValue == 0.01)
    }

    /// A ceiling below every architecture's size rejects every draw without training one, so
    /// the search ends with no trial after its bounded number of draws.
    @Test func architecturesOverTheParameterCeilingAreNeverTrained() async throws {
        var benchmark = NASBenchmark()
        benchmark.trials = 1
        benchmark.epochs = 1
        benchmark.maxParameters = 10
        let splits = try BuiltinDatasets.load("mnist1d")
        await #expect(throws: NASBenchmarkError.self) {
            _ = try await benchmark.run(strategy: "nas-random", seed: 0, splits: splits)
        }
    }
}

@Suite struct NASComparisonTests {
    @Test func errorRatiosAreMediansOverSeedsOfTheStrategyOverRandom() {
        func row(_ strategy: String, _ seed: UInt64, _ accuracy: Double, final: Double) -> NASBenchmark.Row {
            NASBenchmark.Row(strategy: strategy, seed: seed, trials: 1, validationAccuracy: accuracy, topFiveValidationAccuracy: accuracy - 0.01,
                             secondHalfValidationAccuracy: accuracy - 0.02,
                             testAccuracy: 0.5, finalTestAccuracy: final, parameters: 1, macs: 1, cpuSeconds: 1, genotype: .null, decisions: [])
        }
        // Validation errors 1%, 2%, 4% against random's 2% on every seed: ratios 0.5, 1, 2.
        let evolution = [row("regularized-evolution", 0, 0.99, final: 0.99), row("regularized-evolution", 1, 0.98, final: 0.99),
                         row("regularized-evolution", 2, 0.96, final: 0.97)]
        let random = (0..<3).map { row("nas-random", UInt64($0), 0.98, final: 0.98) }
        let comparison = NASBenchmark.Comparison(evolution, baseline: random)
        #expect(comparison.seeds == 3)
        #expect(abs(comparison.validationErrorRatio - 1) < 1e-9)
        #expect(abs(comparison.secondHalfErrorRatio - 1) < 1e-9)
        #expect(abs((comparison.finalTestErrorRatio ?? 0) - 0.5) < 1e-9)
        #expect(comparison.wins.validation == 1 && comparison.wins.finalTest == 2)
        #expect(comparison.json["kind"] == "nas-versus-random")
    }
}

@Suite struct NASBenchmarkObjectiveTests {
    /// 60 random 40-sample signals with 3 labels: enough to train a tiny cell network for one epoch.
    static func splits() throws -> DataSplits {
        var generator = SeededGenerator(seed: 9)
        let rows = 60
        let features = Tensor(shape: [rows, 40], scalars: (0..<rows * 40).map { _ in Float(generator.nextGaussian()) })
        let data = try #require(Dataset(features: features, labels: (0..<rows).map { $0 % 3 }, classCount: 3))
        return DataSplits(train: data, test: data, classNames: ["a", "b", "c"], featureNames: (0..<40).map { "t\($0)" })
    }

    /// A benchmark small enough for a debug build: one-block cells of two channels, one epoch
    /// a trial, a quarter of the rows for validation.
    static func tiny(trials: Int) -> NASBenchmark {
        var benchmark = NASBenchmark()
        benchmark.trials = trials
        benchmark.epochs = 1
        benchmark.validationFraction = 0.25
        benchmark.space = ["kind": "nasnet", "blocks": 1, "channels": 2, "classes": 3]
        return benchmark
    }

    @Test func eachTrialIsToldTheChosenObjectiveErrorOrLoss() async throws {
        var benchmark = Self.tiny(trials: 2)
        let splits = try Self.splits()
        let error = try await benchmark.run(strategy: "nas-random", seed: 0, splits: splits)
        #expect(abs(error.value - (1 - error.validationAccuracy)) < 1e-12)
        benchmark.objective = .validationLoss
        let loss = try await benchmark.run(strategy: "nas-random", seed: 0, splits: splits)
        #expect(loss.value > 0 && abs(loss.value - (1 - loss.validationAccuracy)) > 1e-6)
    }

    /// In a space of 16 architectures, 10 trained trials cannot avoid asking some network
    /// twice; the repeats are told without training, so exactly `trials` networks train.
    @Test(arguments: ["regularized-evolution", "nas-random"])
    func anArchitectureAskedAgainIsToldItsEarlierValueWithoutTraining(strategy: String) async throws {
        var benchmark = NASBenchmark()
        benchmark.trials = 10
        benchmark.epochs = 1
        benchmark.validationFraction = 0.25
        benchmark.space = ["kind": "nasnet", "blocks": 1, "channels": 2, "classes": 3, "reductions": 0,
                           "primitives": ["identity", "maxpool3"], "combiners": ["add"]]
        var trainings = 0
        let row = try await benchmark.run(strategy: strategy, seed: 0, splits: try Self.splits()) { _, _ in trainings += 1 }
        #expect(row.trials == 10 && trainings == 10)
        #expect(row.repeats > 0)
        #expect(row.json(references: [])["repeats"] == .int(Int64(row.repeats)))
        #expect(row.trialRecords.count == 10 && Set(row.trialRecords.map(\.decisions)).count == 10)
    }

    /// AmoebaNet's model selection: the top architectures by told value are retrained longer and
    /// the best after retraining is found, whatever its rank in the search.
    @Test func theFoundArchitectureIsTheBestOfTheTopCandidatesAfterRetraining() async throws {
        var benchmark = Self.tiny(trials: 6)
        benchmark.finalEpochs = 3
        benchmark.finalCandidates = 3
        benchmark.objective = .validationLoss
        let row = try await benchmark.run(strategy: "nas-random", seed: 1, splits: try Self.splits())
        let told = row.candidates.map(\.searchValue)
        #expect(row.candidates.count == 3)
        #expect(told == told.sorted() && Set(row.candidates.map(\.decisions)).count == 3)
        let chosen = try #require(row.candidates.min { $0.value < $1.value })
        #expect(row.decisions == chosen.decisions && row.value == chosen.searchValue && row.parameters == chosen.parameters)
        #expect(row.json(references: [])["candidates"]?.arrayValue?.count == 3)
        benchmark.finalCandidates = 1
        let single = try await benchmark.run(strategy: "nas-random", seed: 1, splits: try Self.splits())
        #expect(single.candidates.isEmpty && single.value == told.first)
    }

    @Test func theFinalTestAccuracyIsTheMeanOfTheFinalTrainings() async throws {
        var benchmark = Self.tiny(trials: 1)
        benchmark.finalEpochs = 2
        benchmark.finalTrainings = 3
        let row = try await benchmark.run(strategy: "nas-random", seed: 0, splits: try Self.splits())
        #expect(row.finalTestAccuracies.count == 3)
        let mean = row.finalTestAccuracies.reduce(0, +) / 3
        #expect(abs((row.finalTestAccuracy ?? -1) - mean) < 1e-12)
        #expect(row.json(references: [])["finalTestAccuracies"]?.arrayValue?.count == 3)
    }

    /// `--trial-lines`: every trained network of the search, in training order, so the top of a
    /// search can be retrained later; the found one is the record with the lowest told value.
    @Test func everyTrainedTrialIsRecordedInOrderWithTheFoundOneLowest() async throws {
        var benchmark = Self.tiny(trials: 4)
        benchmark.objective = .validationLoss
        let row = try await benchmark.run(strategy: "regularized-evolution", seed: 3, splits: try Self.splits())
        #expect(row.trialRecords.map(\.number) == [1, 2, 3, 4])
        let lowest = try #require(row.trialRecords.min { $0.value < $1.value })
        #expect(lowest.decisions == row.decisions && lowest.value == row.value && lowest.parameters == row.parameters)
        #expect(lowest.validationAccuracy == row.validationAccuracy && lowest.testAccuracy == row.testAccuracy)
        let line = try #require(row.trialLines.last)
        #expect(line["kind"] == "nas-trial" && line["strategy"] == "regularized-evolution" && line["seed"] == .int(3))
        #expect(line["number"] == .int(4) && line["settings"] == benchmark.settings && line["options"] == row.options)
        #expect(line["decisions"]?.arrayValue?.count == row.trialRecords[3].decisions.count)
    }

    /// `perTrial`: each trial is validated on rows of its own (the test rows stay the same), so
    /// a network's luck with one split is not shared by the mutants bred from it; `fixed` keeps
    /// the search's one split, and old rows (no `validationSplit` in their settings) still pair.
    @Test func aPerTrialSplitGivesEachTrialItsOwnValidationRowsAndTheSameTestRows() throws {
        var benchmark = Self.tiny(trials: 2)
        let splits = try Self.splits()
        let fixed = TrainingData(splits, validationFraction: benchmark.validationFraction, seed: 4)
        #expect(benchmark.trialData(number: 2, fixed: fixed, splits: splits, seed: 4) == fixed)
        #expect(benchmark.settings["validationSplit"] == nil)
        benchmark.validationSplit = .perTrial
        let first = benchmark.trialData(number: 1, fixed: fixed, splits: splits, seed: 4)
        let second = benchmark.trialData(number: 2, fixed: fixed, splits: splits, seed: 4)
        #expect(first.validation != second.validation && first.validation != fixed.validation)
        #expect(first.validation?.rows == fixed.validation?.rows)
        #expect(first.test?.labels == fixed.test?.labels)
        #expect(benchmark.trialData(number: 2, fixed: fixed, splits: splits, seed: 4) == second)
        #expect(benchmark.settings["validationSplit"] == "perTrial")
    }
}
