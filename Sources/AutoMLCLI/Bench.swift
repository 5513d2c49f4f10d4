import ArgumentParser

/// `automl bench`: measurements, never tests. JSON lines on stdout, a table on stderr.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark strategies: JSON lines on stdout, a readable table on stderr.",
        subcommands: [BenchHPO.self, BenchMultiFidelity.self, BenchTrainer.self, BenchNAS.self, BenchNASCompare.self])
}
