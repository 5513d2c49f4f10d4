@testable import AutoMLBenchmarks
import AutoMLJSON
import AutoMLTrainer
import Testing

@Suite struct NASBenchmarkTests {
    static func row(accuracy: Double, parameters: Int) -> NASBenchmark.Row {
        NASBenchmark.Row(strategy: "nas-random", seed: 0, trials: 1, validationAccuracy: accuracy, topFiveValidationAccuracy: accuracy,
                         testAccuracy: 0.5, finalTestAccuracy: accuracy, parameters: parameters, macs: 1000, cpuSeconds: 1,
                         genotype: .null, decisions: [])
    }

    @Test func aFoundNetworkDominatesWhenNoWorseInBothAndBetterInOne() throws {
        let reference = try #require(NASBenchmark.references().first)
        #expect(reference.parameters == 63_434 && reference.testAccuracy == 0.989)
        #expect(Self.row(accuracy: 0.989, parameters: 60_000).dominates(reference))
        #expect(Self.row(accuracy: 0.990, parameters: 63_434).dominates(reference))
        #expect(!Self.row(accuracy: 0.989, parameters: 63_434).dominates(reference))  // equal is not better
        #expect(!Self.row(accuracy: 0.995, parameters: 63_435).dominates(reference))
        #expect(!Self.row(accuracy: 0.988, parameters: 10_000).dominates(reference))
        #expect(Self.row(accuracy: 0.985, parameters: 60_000).dominates(reference.measured(0.984)))
    }

    /// A ceiling below every architecture's size rejects every draw without training one, so
    /// the search ends with no trial after its bounded number of draws.
    @Test func architecturesOverTheParameterCeilingAreNeverTrained() async throws {
        var benchmark = NASBenchmark()
        benchmark.trials = 1
        benchmark.epochs = 1
        benchmark.maxParameters = 10
        let splits = try BuiltinDatasets.load("mnist1d")
        await #expect(throws: NASBenchmarkError.self) {
            _ = try await benchmark.run(strategy: "nas-random", seed: 0, splits: splits)
        }
    }
}
