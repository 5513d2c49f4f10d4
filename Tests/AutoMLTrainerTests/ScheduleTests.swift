import AutoMLTrainer
import Testing

@Suite struct ScheduleTests {
    func schedule(_ json: [String: Double], kind: ScheduleKind, epochs: Int = 10, stepsPerEpoch: Int = 10) -> LearningRateSchedule {
        var config = TrainingConfig()
        config.schedule = kind
        config.learningRate = json["lr"] ?? 0.1
        config.gamma = json["gamma"]
        config.stepSize = Int(json["stepSize"] ?? 10)
        config.warmupEpochs = json["warmup"] ?? 0
        config.minLearningRate = json["min"] ?? 0
        return LearningRateSchedule(config: config, stepsPerEpoch: stepsPerEpoch, epochs: epochs)
    }

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

    @Test func constantStepAndExponentialChangeAtEpochBoundaries() {
        #expect(close(schedule([:], kind: .constant).learningRate(at: 57), 0.1))
        let step = schedule(["stepSize": 3, "gamma": 0.5], kind: .step)
        #expect(close(step.learningRate(at: 29), 0.1) && close(step.learningRate(at: 30), 0.05) && close(step.learningRate(at: 65), 0.025))
        let exponential = schedule(["gamma": 0.9], kind: .exponential)
        #expect(close(exponential.learningRate(at: 9), 0.1) && close(exponential.learningRate(at: 20), 0.1 * 0.81))
    }

    @Test func cosineWarmsUpLinearlyThenDecaysToTheMinimum() {
        let cosine = schedule(["warmup": 2, "min": 0.01], kind: .cosine)
        #expect(close(cosine.learningRate(at: 0), 0.1 / 20) && close(cosine.learningRate(at: 19), 0.1))
        #expect(close(cosine.learningRate(at: 20), 0.1))
        #expect(close(cosine.learningRate(at: 60), 0.01 + 0.09 * 0.5))
        #expect(abs(cosine.learningRate(at: 99) - 0.01) < 1e-4)
    }

    @Test func oneCycleRisesToThePeakThenFallsAndMovesMomentumAgainstIt() {
        let cycle = schedule(["lr": 0.003], kind: .onecycle)  // 100 steps, peak at step 29 (PyTorch's count)
        #expect(close(cycle.learningRate(at: 0), 0.003 / 25))
        #expect(close(cycle.learningRate(at: 29), 0.003))
        #expect(close(cycle.learningRate(at: 99), 0.003 / 25 / 1e4))
        #expect(cycle.learningRate(at: 15) > cycle.learningRate(at: 10) && cycle.learningRate(at: 60) < cycle.learningRate(at: 40))
        #expect(cycle.momentum(at: 0) == 0.95 && close(cycle.momentum(at: 29) ?? 0, 0.85) && close(cycle.momentum(at: 99) ?? 0, 0.95))
        #expect(schedule([:], kind: .cosine).momentum(at: 3) == nil)
    }
}
