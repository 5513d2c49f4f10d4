import ArgumentParser
import AutoMLBenchmarks
import AutoMLEngine
import AutoMLJSON
import AutoMLTrainer
import Foundation

/// `automl bench nas`: NAS strategies on MNIST-1D with the embedded trainer, against the
/// issue's hand-made CNNs.
struct BenchNAS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nas",
        abstract: "Architecture search on MNIST-1D: best validation accuracy, its test accuracy, size, NetScore, CPU seconds.",
        discussion: """
            Each trial trains the suggested architecture for --epochs epochs (AdamW, one-cycle to 3e-3, batch 100) \
            and is told its validation error or loss (--objective). The best architecture is reported (with \
            --final-candidates K, the best of the top K after retraining them --final-epochs epochs), then \
            (with --final-epochs > 0) retrained on all training rows and tested, to compare with the hand-made \
            CNNs of the issue (98.9% at 63k parameters, 99.1% at 88k). Use a release build.
            """)

    @Option(help: "Comma-separated NAS strategies.")
    var strategies = "regularized-evolution,nas-random"

    @Option(help: "Trials per search.")
    var trials = 20

    @Option(help: "Training epochs per trial.")
    var epochs = 10

    @Option(help: "Epochs of the final retraining of each found architecture (0: skip).")
    var finalEpochs = 40

    @Option(help: "How many seeds (from --first-seed).")
    var seeds = 3

    @Option(help: "The first seed: seeds run from it to first-seed + seeds - 1 (to extend an earlier run).")
    var firstSeed: UInt64 = 0

    @Option(help: "The architecture space as JSON (default: the NASNet cell space for MNIST-1D).")
    var space: String?

    @Option(help: "Architectures with more parameters are told failed without training (a hard size constraint; e.g. 63434, the dilated reference's size).")
    var maxParameters: Int?

    @Option(help: "What each trial is told and what picks the found architecture: validationError (1 - accuracy) or validationLoss (cross-entropy, which breaks ties).")
    var objective = "validationError"

    @Option(help: "Share of the training rows each trial is validated on.")
    var validationFraction = 0.1

    @Option(help: "Population of the evolutionary strategies (default: a quarter of the trials, at least 4).")
    var population: Int?

    @Option(help: "Tournament size of regularized evolution (default: half the population).")
    var sample: Int?

    @Option(help: "Retrain this many of the search's best architectures for --final-epochs on the search's split and take the best of them as found (AmoebaNet's model selection; 1: the search's best).")
    var finalCandidates = 1

    @Option(help: "Train the found architecture (and each measured reference) this many times for its final test accuracy, with training seeds seed, seed+100, ...; the mean is reported.")
    var finalTrainings = 1

    @Option(help: "Peak learning rate (one-cycle) of every training: trials, final retrainings and measured references (the references' published recipe: 0.003).")
    var learningRate = NASBenchmark.defaultLearningRate

    @Option(help: "Validate every trial on the same rows (fixed) or on a seeded split of its own (perTrial), so that a network's luck with one split is not inherited by its mutants.")
    var validationSplit = "fixed"

    @Flag(inversion: .prefixedNo, help: "Also train the two references with the final retraining's recipe, per seed, as the same-run baseline (needs --final-epochs > 0).")
    var measureReferences = true

    @Flag(help: "Also print every trained trial as a kind: \"nas-trial\" line after its search's row (decisions, parameters, told value, validation and test accuracy after --epochs), so the top of each search can be retrained later.")
    var trialLines = false

    @Flag(help: "Search a synthetic fitness (matches with a hidden decision vector) instead of training: mean best after 50/100/200 trials over --seeds seeds, as a ratio to nas-random.")
    var synthetic = false

    func run() async throws {
        _ = CLILogging.bootstrap(level: .warning)
        let names = strategies.split(separator: ",").map(String.init)
        for name in names where StrategyRegistry.named(name)?.family != "nas" {
            throw ValidationError("\(name) is not a registered NAS strategy")
        }
        if synthetic {
            try await BenchNASSynthetic.run(strategies: names, seeds: seeds, space: try space.map { try JSON.parse($0) })
            return
        }
        var benchmark = NASBenchmark()
        benchmark.trials = max(trials, 1)
        benchmark.epochs = max(epochs, 1)
        benchmark.finalEpochs = max(finalEpochs, 0)
        benchmark.space = try space.map { try JSON.parse($0) }
        benchmark.maxParameters = maxParameters
        guard validationFraction > 0 && validationFraction < 1 else {
            throw ValidationError("--validation-fraction must be in (0, 1)")
        }
        benchmark.validationFraction = validationFraction
        guard let split = NASBenchmark.ValidationSplit(rawValue: validationSplit) else {
            throw ValidationError("--validation-split must be fixed or perTrial")
        }
        benchmark.validationSplit = split
        guard let trialObjective = NASBenchmark.TrialObjective(rawValue: objective) else {
            throw ValidationError("--objective must be validationError or validationLoss")
        }
        benchmark.objective = trialObjective
        if let population, population < 2 { throw ValidationError("--population must be at least 2") }
        if let sample, sample < 1 || sample > (population ?? benchmark.defaultPopulation) {
            throw ValidationError("--sample must be from 1 to the population")
        }
        benchmark.population = population
        benchmark.sample = sample
        guard finalCandidates >= 1 else { throw ValidationError("--final-candidates must be at least 1") }
        if finalCandidates > 1 && benchmark.finalEpochs == 0 {
            throw ValidationError("--final-candidates retrains for --final-epochs epochs: give --final-epochs > 0")
        }
        guard finalTrainings >= 1 else { throw ValidationError("--final-trainings must be at least 1") }
        benchmark.finalCandidates = finalCandidates
        benchmark.finalTrainings = finalTrainings
        guard learningRate > 0 && learningRate.isFinite else { throw ValidationError("--learning-rate must be a positive number") }
        benchmark.learningRate = learningRate
        let splits = try BuiltinDatasets.load("mnist1d")
        let references = try NASBenchmark.references()
        var table = BenchTable(columns: ["strategy", "seed", "val acc", "top-5 val", "test acc", "final test", "params", "MACs",
                                         "NetScore", "CPU s", "dominates"])
        // The same-run baseline: each reference retrained per seed with the final recipe.
        var measured: [NASBenchmark.Reference] = []
        if measureReferences && benchmark.finalEpochs > 0 {
            for reference in references {
                var accuracies: [Double] = []
                for seed in firstSeed..<firstSeed + UInt64(max(seeds, 1)) {
                    let accuracy = try benchmark.measure(reference, seed: seed, splits: splits)
                    FileHandleStderr.write("reference \(reference.name) seed \(seed): test accuracy \(BenchTable.number(accuracy))\n")
                    print(JSON.object(["kind": "nas-reference-run", "name": .string(reference.name), "seed": .int(Int64(seed)),
                                       "epochs": .int(Int64(benchmark.finalEpochs)), "testAccuracy": .double(accuracy)]).serialized())
                    fflush(nil)
                    accuracies.append(accuracy)
                    table.add(["measured " + reference.name, String(seed), "-", "-", "-", Self.percent(accuracy), String(reference.parameters),
                               String(reference.macs), "-", "-", ""])
                }
                measured.append(reference.measured(Self.median(accuracies)))
                table.add(["measured " + reference.name, "median", "-", "-", "-", Self.percent(Self.median(accuracies)),
                           String(reference.parameters), String(reference.macs), "-", "-", ""])
            }
        }
        func dominated(_ row: NASBenchmark.Row) -> String {
            (references.filter(row.dominates).map(\.name) + measured.filter(row.dominates).map { "measured " + $0.name })
                .joined(separator: ",")
        }
        var rowsByStrategy: [String: [NASBenchmark.Row]] = [:]
        for name in names {
            var rows: [NASBenchmark.Row] = []
            for seed in firstSeed..<firstSeed + UInt64(max(seeds, 1)) {
                let row = try await benchmark.run(strategy: name, seed: seed, splits: splits) { done, accuracy in
                    FileHandleStderr.write("\(name) seed \(seed): trial \(done)/\(benchmark.trials) validation accuracy \(BenchTable.number(accuracy))\n")
                }
                print(row.json(references: references, measured: measured).serialized())
                if trialLines { row.trialLines.forEach { print($0.serialized()) } }
                fflush(nil)  // a long run's rows arrive as they are measured (nil: every stream)
                rows.append(row)
                table.add([name, String(seed), Self.percent(row.validationAccuracy), Self.percent(row.topFiveValidationAccuracy),
                           Self.percent(row.testAccuracy), row.finalTestAccuracy.map(Self.percent) ?? "-", String(row.parameters),
                           String(row.macs), row.netScore.map(BenchTable.number) ?? "-", BenchTable.number(row.cpuSeconds),
                           dominated(row)])
            }
            rowsByStrategy[name] = rows
            let median = Self.median(rows)
            print(median.serialized())
            table.add([name, "median", Self.percent(median["validationAccuracy"]?.doubleValue ?? .nan),
                       Self.percent(median["topFiveValidationAccuracy"]?.doubleValue ?? .nan),
                       Self.percent(median["testAccuracy"]?.doubleValue ?? .nan),
                       median["finalTestAccuracy"]?.doubleValue.map(Self.percent) ?? "-",
                       median["parameters"]?.doubleValue.map { String(Int($0)) } ?? "-",
                       median["macs"]?.doubleValue.map { String(Int($0)) } ?? "-",
                       median["netScore"]?.doubleValue.map(BenchTable.number) ?? "-",
                       median["cpuSeconds"]?.doubleValue.map(BenchTable.number) ?? "-", ""])
        }
        for reference in references {
            print(JSON.object(["kind": "nas-reference", "name": .string(reference.name), "testAccuracy": .double(reference.testAccuracy),
                               "parameters": .int(Int64(reference.parameters)), "macs": .int(Int64(reference.macs)),
                               "netScore": reference.netScore.map { .double($0) } ?? .null]).serialized())
            table.add(["reference " + reference.name, "-", "-", "-", Self.percent(reference.testAccuracy), "-", String(reference.parameters),
                       String(reference.macs), reference.netScore.map(BenchTable.number) ?? "-", "-", ""])
        }
        table.write()
        if let baseline = rowsByStrategy["nas-random"] {
            for name in names where name != "nas-random" {
                guard let rows = rowsByStrategy[name] else { continue }
                let comparison = NASBenchmark.Comparison(rows, baseline: baseline)
                print(comparison.json.serialized())
                FileHandleStderr.write(comparison.summary + "\n")
            }
        }
    }

    static func percent(_ fraction: Double) -> String { String(format: "%.2f%%", fraction * 100) }

    static func median(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : Quartiles(values).median
    }

    /// The medians over seeds of one strategy's rows.
    static func median(_ rows: [NASBenchmark.Row]) -> JSON {
        func median(_ values: [Double]) -> JSON {
            values.isEmpty ? .null : .double(Quartiles(values).median)
        }
        var object: JSONObject = ["kind": "nas-median", "strategy": .string(rows.first?.strategy ?? ""), "seeds": .int(Int64(rows.count))]
        object["validationAccuracy"] = median(rows.map(\.validationAccuracy))
        object["topFiveValidationAccuracy"] = median(rows.map(\.topFiveValidationAccuracy))
        object["secondHalfValidationAccuracy"] = median(rows.map(\.secondHalfValidationAccuracy))
        object["rejected"] = median(rows.map { Double($0.rejected) })
        object["repeats"] = median(rows.map { Double($0.repeats) })
        object["testAccuracy"] = median(rows.map(\.testAccuracy))
        let finals = rows.compactMap(\.finalTestAccuracy)
        if !finals.isEmpty { object["finalTestAccuracy"] = median(finals) }
        object["parameters"] = median(rows.map { Double($0.parameters) })
        object["macs"] = median(rows.map { Double($0.macs) })
        object["netScore"] = median(rows.compactMap(\.netScore))
        object["cpuSeconds"] = median(rows.map(\.cpuSeconds))
        return .object(object)
    }
}
