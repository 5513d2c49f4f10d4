import ArgumentParser
import AutoMLJSON
import AutoMLTrainer
import Foundation
import Logging

/// `automl train`: trains one configuration with the embedded trainer and prints its metrics.
struct Train: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train one configuration with the embedded trainer and print its metrics as JSON.",
        discussion: """
            The config is a JSON object of training hyper-parameters (learningRate, optimizer, schedule, epochs, \
            batchSize, architecture, layers, width, dropout, ... or an explicit "model"); absent members take \
            their defaults. Per-epoch lines go to stderr; the result (test accuracy, parameters, MACs, latency, \
            history) is one JSON object on stdout.
            """)

    @Option(help: "digits, mnist1d, or the path of a CSV file (header row, a label column, numeric features).")
    var dataset = "digits"

    @Option(help: "The training config as a JSON object.")
    var config: String?

    @Option(help: "A file holding the training config as a JSON object.")
    var configFile: String?

    @Option(help: "The CSV label column (default: \"label\", else the first column).")
    var labelColumn: String?

    @Option(help: "Share of an unsplit CSV file's rows held out as the test set.")
    var testFraction = 0.2

    @Option(help: "Share of the training rows held out for validation.")
    var validationFraction = 0.1

    @Option(help: "Seeds the validation (and CSV test) split.")
    var dataSeed: UInt64 = 0

    @Option(help: "Budget: stop after this many epochs in total (default: the config's epochs).")
    var budgetEpochs: Int?

    @Option(help: "Budget: train on this fraction of the training rows.")
    var dataFraction: Double?

    @Option(help: "Continue from the checkpoint in this directory.")
    var resumeFrom: String?

    @Option(help: "Write a checkpoint to this directory after every epoch.")
    var saveTo: String?

    @Flag(help: "No per-epoch lines on stderr.")
    var quiet = false

    @Option(help: "Log level on stderr.")
    var logLevel: Logger.Level = .warning

    func validate() throws {
        if config != nil && configFile != nil { throw ValidationError("give --config or --config-file, not both") }
        if let dataFraction, !(dataFraction > 0 && dataFraction <= 1) { throw ValidationError("--data-fraction must be in (0, 1]") }
        if let budgetEpochs, budgetEpochs < 1 { throw ValidationError("--budget-epochs must be at least 1") }
        guard (0..<1).contains(validationFraction), (0..<1).contains(testFraction) else {
            throw ValidationError("--validation-fraction and --test-fraction must be in [0, 1)")
        }
    }

    func run() async throws {
        let logger = CLILogging.bootstrap(level: logLevel)
        let trainingConfig = try readConfig()
        let splits: DataSplits
        do {
            splits = try BuiltinDatasets.load(nameOrPath: dataset, labelColumn: labelColumn, testFraction: testFraction, seed: dataSeed)
        } catch {
            FileHandleStderr.write("automl train: \(error)\n")
            throw ExitCode(1)
        }
        let data = TrainingData(splits, validationFraction: validationFraction, seed: dataSeed)
        logger.info("training", metadata: ["rows": "\(data.train.rows)", "validation": "\(data.validation?.rows ?? 0)",
                                           "test": "\(data.test?.rows ?? 0)", "classes": "\(data.classCount)"])
        let budget: TrainingBudget = dataFraction.map { .dataFraction($0) } ?? budgetEpochs.map { .epochs($0) } ?? .full
        let options = TrainerOptions(resumeFrom: resumeFrom, saveTo: saveTo)
        let result: TrainingResult
        do {
            result = try Trainer.train(config: trainingConfig, data: data, budget: budget, options: options) { epoch in
                if !quiet { FileHandleStderr.write(Self.line(epoch)) }
                return .proceed
            }
        } catch {
            FileHandleStderr.write("automl train: \(error)\n")
            throw ExitCode(1)
        }
        var output: JSONObject = ["dataset": .string(dataset), "config": trainingConfig.json]
        for (key, value) in result.json.objectValue ?? [:] { output[key] = value }
        print(JSON.object(output).serialized())
    }

    private func readConfig() throws -> TrainingConfig {
        var text = config ?? "{}"
        if let configFile {
            guard let data = FileManager.default.contents(atPath: configFile) else {
                throw ValidationError("cannot read --config-file \(configFile)")
            }
            text = String(decoding: data, as: UTF8.self)
        }
        do {
            return try TrainingConfig.decode(try JSON.parse(text))
        } catch let error as JSONFieldError {
            throw ValidationError("bad config: \(error)")
        } catch {
            throw ValidationError("the config is not JSON: \(error)")
        }
    }

    private static func line(_ epoch: EpochMetrics) -> String {
        var text = "epoch \(epoch.epoch): train loss \(BenchTable.number(epoch.trainLoss)) accuracy \(BenchTable.number(epoch.trainAccuracy))"
        if let loss = epoch.validationLoss, let accuracy = epoch.validationAccuracy {
            text += ", validation loss \(BenchTable.number(loss)) accuracy \(BenchTable.number(accuracy))"
        }
        return text + ", lr \(BenchTable.number(epoch.learningRate)), \(BenchTable.number(epoch.seconds)) s\n"
    }
}
