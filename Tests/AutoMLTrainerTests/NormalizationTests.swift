import AutoMLNumerics
import AutoMLTrainer
import Testing

@Suite struct NormalizationTests {
    let check = GradientCheck()

    @Test func batchNormGradientsMatchFiniteDifferencesInBothModes() {
        let x = Sample.gaussian([3, 2, 4], seed: 70)
        let gamma = Sample.gaussian([2], seed: 71), beta = Sample.gaussian([2], seed: 72)
        for training in [true, false] {
            #expect(check.passes([x, gamma, beta]) {
                var running = BatchNormStatistics(mean: Tensor(shape: [2], scalars: [0.3, -0.2]),
                                                  variance: Tensor(shape: [2], scalars: [1.5, 0.7]))
                return $0[0].batchNorm(scale: $0[1], shift: $0[2], running: &running, training: training)
            })
        }
        #expect(check.passes([Sample.gaussian([4, 3], seed: 73)]) {
            var running = BatchNormStatistics(channels: 3)
            return $0[0].batchNorm(scale: nil, shift: nil, running: &running, training: true)
        })
    }

    @Test func trainingModeNormalizesEachChannelAndMovesTheRunningStatistics() {
        let tape = Tape()
        let x = tape.constant(Tensor(shape: [2, 1, 2], scalars: [1, 2, 3, 6]))
        var running = BatchNormStatistics(channels: 1)
        let y = x.batchNorm(scale: nil, shift: nil, running: &running, training: true, momentum: 0.5, epsilon: 0).value
        #expect(abs(y.scalars.reduce(0, +)) < 1e-5)
        #expect(abs(y.scalars.map { $0 * $0 }.reduce(0, +) / 4 - 1) < 1e-5)
        // mean 3, biased variance 3.5, unbiased 14/3
        #expect(abs(running.mean.scalars[0] - 1.5) < 1e-6)
        #expect(abs(running.variance.scalars[0] - (0.5 + 0.5 * 14 / 3)) < 1e-5)
        let eval = x.batchNorm(scale: nil, shift: nil, running: &running, training: false, epsilon: 0).value
        #expect(abs(eval.scalars[0] - (1 - 1.5) / running.variance.scalars[0].squareRoot()) < 1e-6)
    }

    @Test func dropoutMatchesFiniteDifferencesForAFixedMaskAndScalesSurvivors() {
        let x = Sample.gaussian([4, 6], seed: 74)
        #expect(check.passes([x]) {
            var generator = SeededGenerator(seed: 3)
            return $0[0].dropout(rate: 0.4, training: true, generator: &generator)
        })
        let tape = Tape()
        var generator = SeededGenerator(seed: 5)
        let y = tape.constant(Tensor(shape: [1000], repeating: 1)).dropout(rate: 0.25, training: true, generator: &generator).value
        let kept = y.scalars.filter { $0 != 0 }
        #expect(kept.allSatisfy { abs($0 - 4.0 / 3) < 1e-6 })
        #expect(abs(Double(kept.count) / 1000 - 0.75) < 0.05)
        let eval = tape.constant(x).dropout(rate: 0.25, training: false, generator: &generator).value
        #expect(eval == x)
    }
}
