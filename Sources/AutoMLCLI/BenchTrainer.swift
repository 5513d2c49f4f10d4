import ArgumentParser
import AutoMLJSON
import AutoMLTrainer
import Foundation

/// `automl bench trainer`: training throughput of the reference MLP and 1-D CNN, and
/// optionally their reference accuracy runs, side by side with PyTorch in the same run.
struct BenchTrainer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainer",
        abstract: "Training throughput (samples/s, batch 128, forward + backward + update) against PyTorch.",
        discussion: """
            Models: an MLP 64-256-256-10 (Adam) and a 1-D CNN (4 dilated convolutions, 64 channels, batch norm; \
            AdamW). PyTorch runs benchmarks/torch_trainer.py with the same models, batch and thread count \
            (skipped with a note when python3 or torch is missing). --accuracy also trains both to their \
            reference accuracy (MLP on digits, CNN on MNIST-1D).
            """)

    @Option(help: "BLAS threads here, torch.set_num_threads there.")
    var threads = 1

    @Option(help: "Samples per batch.")
    var batch = 128

    @Option(help: "Timed steps per repetition for the MLP (the CNN runs a fifth of them).")
    var steps = 100

    @Flag(help: "Also run the reference trainings and report test accuracy and seconds.")
    var accuracy = false

    @Flag(help: "Skip PyTorch.")
    var noTorch = false

    @Option(help: "The PyTorch companion script.")
    var torchScript = "benchmarks/torch_trainer.py"

    @Option(help: "The Python interpreter.")
    var python = "python3"

    func run() async throws {
        _ = CLILogging.bootstrap(level: .warning)
        var table = BenchTable(columns: ["model", "measure", "swift-automl", "torch", "ratio"])
        let torchRows = noTorch ? [] : torch()
        for model in ReferenceModel.allCases {
            let rate = try ThroughputBenchmark.samplesPerSecond(model, batch: batch, steps: model == .mlp ? steps : max(steps / 5, 5),
                                                                threads: threads)
            print(JSON.object(["kind": "throughput", "framework": "swift-automl", "model": .string(model.rawValue),
                               "batch": .int(Int64(batch)), "threads": .int(Int64(threads)), "samplesPerSecond": .double(rate)]).serialized())
            let theirs = torchRows.first { $0["kind"] == "throughput" && $0["model"]?.stringValue == model.rawValue }?["samplesPerSecond"]?.doubleValue
            table.add([model.rawValue, "samples/s", BenchTable.number(rate), theirs.map(BenchTable.number) ?? "-",
                       theirs.map { BenchTable.number(rate / $0) } ?? "-"])
        }
        if accuracy {
            for model in ReferenceModel.allCases {
                let data = TrainingData(try BuiltinDatasets.load(model.dataset), validationFraction: 0)
                let result = try Trainer.train(config: model.accuracyConfig, data: data, options: TrainerOptions(latencyRuns: 0))
                let testAccuracy = result.testAccuracy ?? .nan
                print(JSON.object(["kind": "accuracy", "framework": "swift-automl", "model": .string(model.rawValue),
                                   "dataset": .string(model.dataset), "testAccuracy": .double(testAccuracy),
                                   "seconds": .double(result.trainingSeconds), "parameters": .int(Int64(result.parameterCount))]).serialized())
                let theirs = torchRows.first { $0["kind"] == "accuracy" && $0["model"]?.stringValue == model.rawValue }
                table.add([model.rawValue, "test accuracy (\(model.dataset))", BenchTable.number(testAccuracy),
                           theirs?["testAccuracy"]?.doubleValue.map(BenchTable.number) ?? "-", "-"])
                table.add([model.rawValue, "seconds", BenchTable.number(result.trainingSeconds),
                           theirs?["seconds"]?.doubleValue.map(BenchTable.number) ?? "-", "-"])
            }
        }
        table.write()
    }

    /// PyTorch's JSON lines (also echoed to stdout), or none with a note on stderr.
    private func torch() -> [JSON] {
        guard FileManager.default.fileExists(atPath: torchScript) else {
            FileHandleStderr.write("automl bench trainer: \(torchScript) not found (run from the repository root); skipping PyTorch\n")
            return []
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = [python, torchScript, "--threads", String(threads), "--steps", String(steps), "--batch", String(batch)]
        if accuracy { arguments.append("--accuracy") }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            FileHandleStderr.write("automl bench trainer: cannot run \(python): \(error); skipping PyTorch\n")
            return []
        }
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            FileHandleStderr.write("automl bench trainer: \(torchScript) failed (is torch installed?); skipping PyTorch\n")
            return []
        }
        let rows = String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { try? JSON.parse(String($0)) }
        for row in rows { print(row.serialized()) }
        return rows
    }
}
