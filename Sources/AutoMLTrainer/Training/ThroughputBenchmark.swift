import AutoMLNumerics
import COpenBLAS

/// Training throughput (samples per second) of the reference models (`ReferenceModel`), for `automl bench
/// trainer` and its PyTorch twin `benchmarks/torch_trainer.py`, which builds the same models.
///
/// A measurement trains on one fixed random batch (data loading excluded), after five warm-up
/// steps, and reports the median of three timed repetitions of `steps` steps, each a forward
/// pass, a backward pass and an optimizer update.
public enum ThroughputBenchmark {
    /// Samples per second training `reference` with batches of `batch` rows on `threads` BLAS
    /// threads (the setting stays in force afterwards).
    public static func samplesPerSecond(_ reference: ReferenceModel, batch: Int = 128, steps: Int = 50,
                                        threads: Int = 1) throws(TrainingError) -> Double {
        openblas_set_num_threads(Int32(max(threads, 1)))
        let config = reference.config
        let model = try Trainer.model(for: config, features: reference.features, classes: 10)
        var state = TrainingState(model: model, config: config,
                                  schedule: LearningRateSchedule(config: config, stepsPerEpoch: 1, epochs: 1))
        var generator = SeededGenerator(seed: 0)
        let inputs = Tensor(shape: [batch, reference.features],
                            scalars: (0..<batch * reference.features).map { _ in Float(generator.nextGaussian()) })
        let labels = (0..<batch).map { _ in generator.nextInt(below: 10) }
        for _ in 0..<5 { _ = state.step(batch: inputs, labels: labels, generator: &generator) }
        let clock = ContinuousClock()
        var rates: [Double] = []
        for _ in 0..<3 {
            let elapsed = clock.measure {
                for _ in 0..<max(steps, 1) { _ = state.step(batch: inputs, labels: labels, generator: &generator) }
            }
            rates.append(Double(max(steps, 1) * batch) / elapsed.seconds)
        }
        return rates.sorted()[1]
    }
}
