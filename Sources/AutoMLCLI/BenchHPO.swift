import AutoMLEngine
import ArgumentParser
import AutoMLBenchmarks
import AutoMLJSON
import AutoMLStrategies
import Foundation

/// `automl bench hpo`: regret at given trial counts and cost per ask + tell, per strategy.
struct BenchHPO: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hpo",
        abstract: "Regret on the test problems and cost per suggestion, for HPO strategies.",
        discussion: "Compare with Optuna on the same problems and seeds: scripts/bench-hpo-compare.")

    @Option(help: "Comma-separated strategies (default: every registered HPO strategy).")
    var strategies: String?

    @Option(help: "Comma-separated problems.")
    var problems = TestProblem.all.map(\.name).joined(separator: ",")

    @Option(help: "Trials per run.")
    var trials = 100

    @Option(help: "Seeds 0..<N.")
    var seeds = 10

    @Option(help: "Trial counts at which regret is read.")
    var checkpoints = "10,25,50,100"

    @Option(help: "History sizes at which ask + tell is timed (empty: skip).")
    var historySizes = "100,1000"

    @Option(help: "Ask + tell pairs timed at each history size.")
    var timedAsks = 20

    func run() async throws {
        _ = CLILogging.bootstrap(level: .warning)
        let names = strategies.map { $0.split(separator: ",").map(String.init) }
            ?? StrategyRegistry.all.filter { $0.family == "hpo" }.map { $0.name }
        for name in names where StrategyRegistry.named(name) == nil {
            throw ValidationError("unknown strategy \(name)")
        }
        let problemList = try problems.split(separator: ",").map { name -> TestProblem in
            guard let problem = TestProblem.named(String(name)) else { throw ValidationError("unknown problem \(name)") }
            return problem
        }
        let benchmark = HPOBenchmark(
            strategies: names, problems: problemList, trials: trials, seeds: (0..<UInt64(max(seeds, 1))).map { $0 },
            checkpoints: Self.integers(checkpoints), historySizes: Self.integers(historySizes), timedAsks: timedAsks)
        var table = BenchTable(columns: ["strategy", "problem"] + benchmark.checkpoints.map { "regret@\($0) median [q25, q75]" } + ["s/run"])
        for problem in problemList {
            for name in names {
                let row = try await benchmark.regret(strategy: name, problem: problem)
                print(row.json.serialized())
                table.add([name, problem.name] + benchmark.checkpoints.map { checkpoint in
                    guard let q = row.regret[checkpoint] else { return "-" }
                    return "\(BenchTable.number(q.median)) [\(BenchTable.number(q.q25)), \(BenchTable.number(q.q75))]"
                } + [BenchTable.number(row.secondsPerRun)])
            }
        }
        table.write()
        guard !benchmark.historySizes.isEmpty else { return }
        var costTable = BenchTable(columns: ["strategy"] + benchmark.historySizes.map { "ms/ask+tell @\($0)" })
        for name in names {
            var cells = [name]
            for history in benchmark.historySizes {
                let row = try await benchmark.cost(strategy: name, history: history)
                print(row.json.serialized())
                cells.append(BenchTable.number(row.millisecondsPerAskTell))
            }
            costTable.add(cells)
        }
        costTable.write()
    }

    static func integers(_ text: String) -> [Int] {
        text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}
