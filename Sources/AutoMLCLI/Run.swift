import ArgumentParser
import AutoMLBenchmarks
import AutoMLJSON
import AutoMLTrainer
import Foundation
import Logging

/// `automl run`: the main job. Without `--problem` it searches the embedded trainer's
/// hyper-parameters on a data set (built-in `digits` by default) through `Session.run`, and
/// prints the best config with its test accuracy; with `--problem` it searches a synthetic test
/// problem, as it always did. A progress bar goes to stderr, the result (JSON) to stdout.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the trainer's hyper-parameters on a data set (default: digits), or a built-in test problem.",
        discussion: """
            With no arguments: \(TrainerSearch.defaultTrials) trials of \(TrainerSearch.defaultStrategy) over an MLP's \
            hyper-parameters on the built-in digits data set, \(TrainerSearch.defaultEpochs) epochs each, selected on \
            validation error; the best config and its test accuracy are printed as JSON. mnist1d searches a 1-D CNN \
            instead. Ctrl-C stops the search and prints the best so far.
            With --problem (\(TestProblem.all.map(\.name).joined(separator: ", "))): minimizes a synthetic function \
            (default strategy sobol, 200 trials). The same seed gives the same search.
            """)

    @Option(help: "Trainer search: digits, mnist1d, or the path of a CSV file (header row, a label column, numeric features).")
    var dataset: String?

    @Option(help: "Trainer search: the CSV label column (default: \"label\", else the first column).")
    var labelColumn: String?

    @Option(help: "Search a synthetic test problem instead of training.")
    var problem: String?

    @Option(help: "The strategy (see `automl call strategy/list`; default: \(TrainerSearch.defaultStrategy), or sobol with --problem).")
    var strategy: String?

    @Option(help: "Strategy options as a JSON object.")
    var options: String?

    @Option(help: "How many trials to evaluate (default: \(TrainerSearch.defaultTrials), or 200 with --problem).")
    var trials: Int?

    @Option(help: "Trainer search: start no trial after this many seconds.")
    var maxSeconds: Double?

    @Option(help: "Trainer search: epochs per trial (default: \(TrainerSearch.defaultEpochs)); a multi-fidelity strategy's budgets override it.")
    var epochs: Int?

    @Option(help: "The session seed (also seeds the data split and the training).")
    var seed: UInt64 = 0

    @Option(help: "Journal the session (and the trainer's checkpoints) here (default: in memory only).")
    var dataDir: String?

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        if let problem {
            guard TestProblem.named(problem) != nil else {
                throw ValidationError("unknown problem \(problem); known: \(TestProblem.all.map(\.name).joined(separator: ", "))")
            }
            let trainerOnly = [("--dataset", dataset != nil), ("--label-column", labelColumn != nil),
                               ("--max-seconds", maxSeconds != nil), ("--epochs", epochs != nil)]
            if let (flag, _) = trainerOnly.first(where: { $0.1 }) {
                throw ValidationError("\(flag) applies to the trainer search, not to --problem")
            }
        }
        if let trials, trials < 1 { throw ValidationError("--trials must be at least 1") }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
        if let maxSeconds, !(maxSeconds > 0) { throw ValidationError("--max-seconds must be positive") }
    }

    func run() async throws {
        let logger = CLILogging.bootstrap(level: .warning)
        let parsedOptions: JSON?
        do {
            parsedOptions = try options.map { try JSON.parse($0) }
        } catch {
            throw ValidationError("--options is not JSON: \(error)")
        }
        if let problem, let testProblem = TestProblem.named(problem) {
            try await ProblemRun(problem: testProblem, strategy: strategy ?? "sobol", options: parsedOptions, trials: trials ?? 200,
                                 seed: seed, dataDir: dataDir, quiet: quiet).run(logger: logger)
            return
        }
        let search = TrainerSearch(
            dataset: dataset ?? "digits", labelColumn: labelColumn, strategy: strategy ?? TrainerSearch.defaultStrategy,
            options: parsedOptions, trials: trials ?? TrainerSearch.defaultTrials, maxSeconds: maxSeconds,
            epochs: epochs ?? TrainerSearch.defaultEpochs, seed: seed, dataDir: dataDir, quiet: quiet)
        try await search.run(logger: logger)
    }
}
