import AutoMLBenchmarks
import AutoMLJSON
import Foundation

/// `automl bench nas --synthetic`: the NAS strategies on a hidden-target fitness (no training).
enum BenchNASSynthetic {
    static func run(strategies: [String], seeds: Int, space: JSON?) async throws {
        var benchmark = NASControllerBenchmark()
        benchmark.strategies = strategies
        benchmark.seeds = max(seeds, 1)
        benchmark.space = space
        let summaries = try await benchmark.run { strategy, seed, bests in
            FileHandleStderr.write("\(strategy) seed \(seed): best \(bests.map(BenchTable.number).joined(separator: " / "))\n")
        }
        var table = BenchTable(columns: ["strategy"] + benchmark.checkpoints.flatMap { ["best@\($0)", "ratio@\($0)"] })
        for summary in summaries {
            print(benchmark.json(summary).serialized())
            var cells = [summary.strategy]
            for k in benchmark.checkpoints.indices {
                cells.append(BenchTable.number(summary.meanBest[k]))
                cells.append(summary.ratio.map { BenchTable.number($0[k]) } ?? "-")
            }
            table.add(cells)
        }
        table.write()
    }
}
