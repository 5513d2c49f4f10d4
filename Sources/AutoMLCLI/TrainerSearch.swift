import ArgumentParser
import AutoMLEngine
import AutoMLJSON
import AutoMLSpace
import AutoMLTrainer
import Foundation
import Logging

/// `automl run` without `--problem`: a hyper-parameter search of the embedded trainer on one
/// data set, through `Session.run` (the path `session/run` takes), selected on validation error
/// and reported with the best trial's test accuracy.
///
/// The default strategy is TPE: the MLP space mixes categorical, ordinal, log-scaled and
/// conditional parameters (15 of them), which TPE models natively one density per parameter
/// and which a few dozen trials can serve; GP and CMA-ES need a continuous embedding of the
/// categories, and Hyperband-style strategies would spend most of a small budget on one- and
/// three-epoch runs that say little about a 20-epoch model. `--strategy` picks any other.
struct TrainerSearch {
    static let defaultStrategy = "tpe"
    static let defaultTrials = 40
    static let defaultEpochs = 20

    var dataset: String
    var labelColumn: String?
    var strategy: String
    var options: JSON?
    var trials: Int
    var maxSeconds: Double?
    var epochs: Int
    var seed: UInt64
    var dataDir: String?
    var quiet: Bool

    /// A 1-D CNN space for MNIST-1D (an MLP reaches about 70% there, a CNN 98%), an MLP space
    /// for digits and tabular CSV files.
    var convolutional: Bool { dataset == "mnist1d" }

    var spaceJSON: JSON { convolutional ? TrainerSearchSpace.cnn1d : TrainerSearchSpace.mlp }

    /// The training-config members every trial shares.
    var fixedConfig: JSONObject {
        var fixed = (convolutional ? TrainerSearchSpace.cnn1dFixed : TrainerSearchSpace.mlpFixed).objectValue ?? [:]
        fixed["epochs"] = .int(Int64(epochs))
        return fixed
    }

    var evaluatorJSON: JSON {
        var object: JSONObject = ["kind": "trainer", "dataset": .string(dataset), "config": .object(fixedConfig),
                                  "seed": .int(Int64(bitPattern: seed & UInt64(Int64.max)))]
        if let labelColumn { object["labelColumn"] = .string(labelColumn) }
        return .object(object)
    }

    func run(logger: Logger) async throws {
        let engine = Engine(dataDir: dataDir, logger: logger)
        let session: Session
        let evaluator: TrainerEvaluator
        do {
            let space = try SearchSpace(json: spaceJSON, path: "space")
            session = try await engine.create(CreateRequest(strategy: strategy, options: options, space: space, seed: seed,
                                                            name: "automl run --dataset \(dataset)"))
            evaluator = try await TrainerEvaluator.make(evaluatorJSON, session: session.spec, path: "evaluator", sessionPath: "session")
        } catch {
            FileHandleStderr.write("automl run: \(Self.explain(error))\n")
            throw ExitCode(1)
        }
        let scratch = engine.checkpointRoot(for: session.id) == nil
            ? FileManager.default.temporaryDirectory.appendingPathComponent("automl-run-\(UUID().uuidString)").path : nil
        defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
        if !quiet { FileHandleStderr.write(introduction(evaluator.data, parameters: session.spec.space.parameters.count)) }
        let bar = ProgressBar(total: trials, maxSeconds: maxSeconds, enabled: !quiet)
        let limits = RunLimits(maxTrials: trials, maxSeconds: maxSeconds)
        let task = Task {
            try await session.run(evaluator: evaluator, limits: limits, checkpointRoot: engine.checkpointRoot(for: session.id) ?? scratch) { step in
                bar.update(done: step.done, best: step.best.flatMap(Self.bestText))
            }
        }
        let interrupt = InterruptHandler { task.cancel() }
        let summary: RunSummary
        do {
            summary = try await task.value
        } catch {
            interrupt.cancel()
            bar.finish()
            FileHandleStderr.write("automl run: \(Self.explain(error))\n")
            throw ExitCode(1)
        }
        interrupt.cancel()
        bar.finish()
        await engine.flush()
        print(output(summary, sessionId: session.id).prettyPrinted())
        FileHandleStderr.write(Self.verdict(summary))
        if summary.stopReason == .cancelled { throw ExitCode(130) }
    }

    /// The summary with the search's settings and, for the best trial, the full training config
    /// (`automl train --config` trains it again).
    func output(_ summary: RunSummary, sessionId: String) -> JSON {
        var object: JSONObject = [
            "dataset": .string(dataset), "strategy": .string(strategy), "seed": .int(Int64(bitPattern: seed)),
            "epochs": .int(Int64(epochs)), "sessionId": .string(sessionId),
        ]
        for (key, value) in summary.json.objectValue ?? [:] { object[key] = value }
        if let best = summary.best.first, case .object(var entry)? = object["best"],
           let members = try? TrialTrainingConfig.members(evaluatorConfig: fixedConfig, seed: seed, trial: best.trial) {
            entry["trainingConfig"] = .object(members)
            object["best"] = .object(entry)
        }
        return .object(object)
    }

    func introduction(_ data: TrainingData, parameters: Int) -> String {
        let network = convolutional ? "1-D CNN" : "MLP"
        return "automl run: \(strategy) over \(parameters) \(network) hyper-parameters on \(dataset) "
            + "(\(data.train.rows) train / \(data.validation?.rows ?? 0) validation / \(data.test?.rows ?? 0) test rows), "
            + "\(trials) trials of \(epochs) epochs\(maxSeconds.map { " or \(Int($0)) s" } ?? ""), selected on validation error\n"
    }

    static func bestText(_ best: RunTrial) -> String? {
        if let accuracy = best.metrics?["validationAccuracy"]?.doubleValue { return "val acc " + percent(accuracy) }
        return best.trial.value.map { String(format: "%.4g", $0) }
    }

    /// `best of 40 trials (trial 17): test accuracy 97.77%, validation accuracy 98.96%, in 1:32`.
    static func verdict(_ summary: RunSummary) -> String {
        let stopped = summary.stopReason == .cancelled ? " (interrupted)" : ""
        guard let best = summary.best.first else {
            return "automl run: no complete trial in \(summary.trials)\(stopped); see \"failures\" in the output\n"
        }
        var text = "automl run: best of \(summary.trials) trials\(stopped) (trial \(best.trial.id)):"
        if let test = best.metrics?["testAccuracy"]?.doubleValue { text += " test accuracy \(percent(test))," }
        if let validation = best.metrics?["validationAccuracy"]?.doubleValue { text += " validation accuracy \(percent(validation))," }
        return text + " in \(ProgressBar.clock(summary.elapsedSeconds))\n"
    }

    static func percent(_ fraction: Double) -> String { String(format: "%.2f%%", fraction * 100) }

    /// An engine error in the command line's words.
    static func explain(_ error: any Error) -> String {
        guard let field = error as? JSONFieldError else { return String(describing: error) }
        let flags = [("evaluator.dataset", "--dataset"), ("evaluator.labelColumn", "--label-column"), ("params.strategy.options", "--options")]
        for (prefix, flag) in flags where field.path.hasPrefix(prefix) {
            return "\(flag) (\(field.path)): \(field.reason)"
        }
        return field.description
    }
}
