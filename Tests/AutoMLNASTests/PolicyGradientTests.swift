import AutoMLNumerics
import AutoMLStrategies
import AutoMLTrainer
import Foundation
import Testing
@testable import AutoMLNAS

@Suite struct PolicyGradientTests {
    /// The gradient of the clipped surrogate with respect to log p_new, for one sample.
    static func surrogateSlope(ratio: Double, advantage: Double, epsilon: Double) -> (value: Float, slope: Float) {
        let tape = Tape()
        let logProbability = tape.parameter(Tensor(shape: [1], scalars: [Float(log(ratio))]))
        let surrogate = logProbability.clippedSurrogate(oldLogProbabilities: [0], advantages: [advantage], epsilon: epsilon)
        tape.backward(from: surrogate.sum())
        return (surrogate.value.scalars[0], logProbability.gradient?.scalars[0] ?? .nan)
    }

    @Test func clippedSurrogateStopsPullingPastTheClipOnTheAdvantagesSide() {
        // A > 0 pushes the ratio up: past 1 + ε nothing pulls any more.
        #expect(Self.surrogateSlope(ratio: 1.5, advantage: 1, epsilon: 0.2) == (1.2, 0))
        // A < 0 pushes it down: below 1 − ε nothing pulls.
        let below = Self.surrogateSlope(ratio: 0.5, advantage: -1, epsilon: 0.2)
        #expect(abs(below.value + 0.8) < 1e-6 && below.slope == 0)
    }

    @Test func clippedSurrogateKeepsTheUnclippedGradientOnTheOtherSideAndInside() {
        // d(r·A)/d log p = r·A, as the unclipped objective's gradient.
        for (ratio, advantage) in [(0.5, 1.0), (1.5, -1.0), (1.1, 2.0), (0.9, -3.0), (1.0, 0.5)] {
            let clipped = Self.surrogateSlope(ratio: ratio, advantage: advantage, epsilon: 0.2)
            let unclipped = Self.surrogateSlope(ratio: ratio, advantage: advantage, epsilon: 1e6)
            #expect(abs(clipped.slope - Float(ratio * advantage)) < 1e-5)
            #expect(clipped.slope == unclipped.slope)
            #expect(abs(clipped.value - Float(ratio * advantage)) < 1e-5)
        }
    }

    @Test func movingAverageBaselineArithmetic() {
        var baseline = MovingAverageBaseline(decay: 0.5)
        // The first batch is measured against its own mean (2), which then absorbs 1 and 3.
        #expect(baseline.advantages(for: [1, 3]) == [-1, 1])
        #expect(baseline.value == 2.25)  // 0.5·(0.5·2 + 0.5·1) + 0.5·3
        #expect(baseline.advantages(for: [4]) == [1.75])
        #expect(baseline.value == 3.125)
        #expect(baseline.advantages(for: []) == [])
        #expect(baseline.value == 3.125)
    }

    @Test func mnasNetRewardOnHandValues() throws {
        let soft = MnasNetReward(targetLatencyMs: 1)
        // 0.9 · 2^−0.07 and 0.9 · 0.5^−0.07.
        #expect(abs(try #require(soft.reward(accuracy: 0.9, latencyMs: 2)) - 0.857_374) < 1e-6)
        #expect(abs(try #require(soft.reward(accuracy: 0.9, latencyMs: 0.5)) - 0.944_745) < 1e-6)
        #expect(soft.reward(accuracy: 0.9, latencyMs: 1) == 0.9)
        let hard = MnasNetReward(targetLatencyMs: 4, alpha: 0, beta: -1)
        #expect(hard.reward(accuracy: 0.8, latencyMs: 2) == 0.8)
        #expect(hard.reward(accuracy: 0.8, latencyMs: 8) == 0.4)
        #expect(soft.reward(accuracy: 0.9, latencyMs: 0) == nil)
        #expect(soft.reward(accuracy: .nan, latencyMs: 1) == nil)
    }

    @Test func rewardOptionNegatesMinimizedLossesOnly() {
        let trial = TrialRecord(id: 0, state: .complete, config: [:], values: [0.25])
        let minimize = Objective(name: "loss", goal: .minimize), maximize = Objective(name: "acc", goal: .maximize)
        #expect(ControllerReward.negativeLoss.reward(trial, objective: minimize) == -0.25)
        #expect(ControllerReward.negativeLoss.reward(trial, objective: maximize) == 0.25)
        #expect(ControllerReward.accuracy.reward(trial, objective: minimize) == 0.25)
        #expect(ControllerReward.negativeLoss.reward(TrialRecord(id: 1, state: .failed, config: [:]), objective: minimize) == nil)
    }

    @Test func ppoUpdateRaisesTheProbabilityOfTheRewardedSequence() {
        var rng = SeededGenerator(seed: 2)
        let controller = LSTMController(choices: [3, 3], configuration: ControllerConfiguration(hiddenSize: 4), using: &rng)
        var trainer = ControllerTrainer(controller: controller, learningRate: 0.05, baselineDecay: 0.9,
                                        rule: .ppo(epsilon: 0.2, epochs: 4), entropyWeight: 0)
        let good = [2, 1], bad = [0, 0]
        let before = controller.logProbabilities(of: [good, bad])
        trainer.update([.init(decisions: good, reward: 1), .init(decisions: bad, reward: 0)])
        let after = trainer.controller.logProbabilities(of: [good, bad])
        #expect(after[0] > before[0])
        #expect(after[1] < before[1])
        #expect(trainer.steps == 4)
    }
}
