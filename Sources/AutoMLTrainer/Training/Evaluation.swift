/// Loss, accuracy and latency of a model on held-out data, in evaluation mode.
public enum Evaluation {
    /// The mean loss and the accuracy of `model` on `data`, in batches of `batchSize` rows.
    public static func evaluate(_ model: Model, on data: Dataset, config: TrainingConfig,
                                batchSize: Int = 500) -> (loss: Double, accuracy: Double) {
        guard data.rows > 0 else { return (.nan, .nan) }
        var total = 0.0, correct = 0
        var start = 0
        while start < data.rows {
            let rows = start..<min(start + max(batchSize, 1), data.rows)
            let labels = Array(data.labels[rows])
            let scores = model.predict(data.gather(rows))
            let tape = Tape(recordsGradients: false)
            let loss = config.loss.apply(tape.constant(scores), labels: labels, config: config).value.scalar ?? .nan
            total += Double(loss) * Double(rows.count)
            correct += scores.correctCount(labels: labels)
            start = rows.upperBound
        }
        return (total / Double(data.rows), Double(correct) / Double(data.rows))
    }

    /// The median wall-clock milliseconds of `runs` batch-1 forward passes of `sample`
    /// (`[1, features]`), after two unmeasured warm-up passes.
    public static func latencyMilliseconds(_ model: Model, sample: Tensor, runs: Int) -> Double {
        let clock = ContinuousClock()
        _ = model.predict(sample)
        _ = model.predict(sample)
        var times: [Double] = []
        for _ in 0..<max(runs, 1) {
            let elapsed = clock.measure { _ = model.predict(sample) }
            times.append(elapsed.milliseconds)
        }
        times.sort()
        return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
    }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    var seconds: Double { milliseconds / 1000 }
}
