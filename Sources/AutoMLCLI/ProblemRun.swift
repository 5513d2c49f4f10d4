import ArgumentParser
import AutoMLBenchmarks
import AutoMLEngine
import AutoMLJSON
import Logging

/// `automl run --problem NAME`: minimizes a synthetic test problem through an engine session and
/// prints the best config, its value, the optimum and the regret.
struct ProblemRun {
    var problem: TestProblem
    var strategy: String
    var options: JSON?
    var trials: Int
    var seed: UInt64
    var dataDir: String?
    var quiet: Bool

    func run(logger: Logger) async throws {
        let engine = Engine(dataDir: dataDir, logger: logger)
        let search = ProblemSearch(problem: problem, strategy: strategy, options: options, trials: trials, seed: seed)
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
