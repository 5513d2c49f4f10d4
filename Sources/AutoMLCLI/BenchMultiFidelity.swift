import ArgumentParser
import AutoMLBenchmarks
import AutoMLJSON

/// `automl bench multifidelity`: counting ones, regret against budget spent.
struct BenchMultiFidelity: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multifidelity",
        abstract: "Regret on the counting-ones problem (BOHB paper) at multiples of the maximum budget.",
        discussion: "Python baselines on the same problem: benchmarks/multifidelity_baselines.py (scripts/bench-multifidelity-compare).")

    @Option(help: "Comma-separated strategies; random runs at the full budget. fabolas (about 100 CPU seconds a seed, the others under one) is opt-in: add it here.")
    var strategies = "random,successive-halving,hyperband,asha,bohb,hyperband-bo"

    @Option(help: "Seeds 0..<N.")
    var seeds = 10

    @Option(help: "Multiples of the maximum budget at which regret is read.")
    var multiples = "5,10,20,50"

    @Flag(help: "Charge a promotion only the budget beyond the trial it continues (resumed training).")
    var chargeIncrements = false

    func run() async throws {
        _ = CLILogging.bootstrap(level: .warning)
        var benchmark = MultiFidelityBenchmark()
        benchmark.multiples = multiples.split(separator: ",").compactMap { Double($0) }
        benchmark.chargeIncrements = chargeIncrements
        var table = BenchTable(
            columns: ["strategy"] + benchmark.multiples.map { "regret@\(Int($0))x median [q25, q75]" } + ["budget < max/10 in first 10x"])
        for name in strategies.split(separator: ",").map(String.init) {
            for row in try await benchmark.run(strategy: name, seeds: (0..<UInt64(max(seeds, 1))).map { $0 }) {
                print(row.json.serialized())
                table.add(
                    [row.strategy]
                        + benchmark.multiples.map { multiple in
                            guard let q = row.regret[multiple] else { return "-" }
                            return "\(BenchTable.number(q.median)) [\(BenchTable.number(q.q25)), \(BenchTable.number(q.q75))]"
                        } + [row.smallBudgetShare.map { BenchTable.number($0) } ?? "-"])
            }
        }
        table.write()
    }
}
