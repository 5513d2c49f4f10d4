import ArgumentParser
import AutoMLBenchmarks
import AutoMLEngine
import AutoMLJSON
import Foundation
import Logging

/// `automl run`: the main job. Searches a built-in problem end to end inside the engine, with a
/// progress bar on stderr, and prints the best config found as JSON on stdout.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a search on a built-in problem and print the best configuration found.",
        discussion: "Problems: \(TestProblem.all.map(\.name).joined(separator: ", ")). The same seed gives the same result.")

    @Option(help: "The problem to minimize.")
    var problem = "branin"

    @Option(help: "The strategy (see `automl call strategy/list`).")
    var strategy = "sobol"

    @Option(help: "Strategy options as a JSON object.")
    var options: String?

    @Option(help: "How many trials to evaluate.")
    var trials = 200

    @Option(help: "The session seed.")
    var seed: UInt64 = 0

    @Option(help: "Journal the session here (default: in memory only).")
    var dataDir: String?

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        guard TestProblem.named(problem) != nil else {
            throw ValidationError("unknown problem \(problem); known: \(TestProblem.all.map(\.name).joined(separator: ", "))")
        }
        guard trials >= 1 else { throw ValidationError("--trials must be at least 1") }
    }

    func run() async throws {
        let logger = CLILogging.bootstrap(level: .warning)
        guard let problem = TestProblem.named(problem) else { throw ExitCode(2) }
        let parsedOptions = try options.map { try JSON.parse($0) }
        let engine = Engine(dataDir: dataDir, logger: logger)
        let search = ProblemSearch(problem: problem, strategy: strategy, options: parsedOptions, trials: trials, seed: seed)
        let bar = ProgressBar(total: trials, enabled: !quiet)
        let outcome: ProblemSearch.Outcome
        do {
            outcome = try await search.run(engine: engine) { done, best in bar.update(done: done, best: best) }
        } catch {
            bar.finish()
            FileHandleStderr.write("automl run: \(error)\n")
            throw ExitCode(1)
        }
        bar.finish()
        await engine.flush()
        let result: JSON = [
            "problem": .string(problem.name), "strategy": .string(strategy), "seed": .int(Int64(bitPattern: seed)),
            "trials": .int(Int64(outcome.evaluated)), "best": .object(["config": .object(outcome.bestConfig), "value": .double(outcome.bestValue)]),
            "optimum": .double(outcome.optimum), "regret": .double(outcome.regret),
        ]
        print(result.prettyPrinted())
    }
}
