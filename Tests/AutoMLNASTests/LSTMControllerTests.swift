import AutoMLNumerics
import AutoMLTrainer
import Foundation
import Testing
@testable import AutoMLNAS

@Suite struct LSTMControllerTests {
    /// The controller's equations written out again in Double, with no tape: the reference the
    /// recorded forward pass must agree with.
    static func referenceLogProbability(_ controller: LSTMController, _ decisions: [Int]) -> (total: Double, steps: [[Double]]) {
        let h = controller.configuration.hiddenSize
        let p = controller.parameters.map { $0.scalars.map(Double.init) }
        func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        var input = p[0], hidden = [Double](repeating: 0, count: h), cell = hidden
        var total = 0.0, steps: [[Double]] = [], next = 3
        for (step, n) in controller.choices.enumerated() {
            let joined = input + hidden
            var z = p[2]
            for j in 0..<(4 * h) { for k in 0..<(2 * h) { z[j] += joined[k] * p[1][k * 4 * h + j] } }
            for j in 0..<h {
                cell[j] = sigmoid(z[h + j]) * cell[j] + sigmoid(z[j]) * tanh(z[2 * h + j])
                hidden[j] = sigmoid(z[3 * h + j]) * tanh(cell[j])
            }
            var logits = p[next + 1]
            for c in 0..<n { for k in 0..<h { logits[c] += hidden[k] * p[next][k * n + c] } }
            if let t = controller.configuration.temperature { logits = logits.map { $0 / t } }
            if let c = controller.configuration.tanhConstant { logits = logits.map { c * tanh($0) } }
            let top = logits.max() ?? 0
            let logTotal = log(logits.reduce(0) { $0 + exp($1 - top) }) + top
            let logSoftmax = logits.map { $0 - logTotal }
            steps.append(logSoftmax)
            total += logSoftmax[decisions[step]]
            if step + 1 < controller.choices.count {
                let a = decisions[step]
                input = Array(p[next + 2][(a * h)..<((a + 1) * h)])
                next += 3
            }
        }
        return (total, steps)
    }

    @Test func sampledLogProbabilityIsTheSumOfStepLogSoftmaxValues() {
        var rng = SeededGenerator(seed: 3)
        let configuration = ControllerConfiguration(hiddenSize: 4, temperature: 1.5, tanhConstant: 2.5, initRange: 0.5)
        let controller = LSTMController(choices: [3, 1, 4, 2, 5], configuration: configuration, using: &rng)
        for _ in 0..<5 {
            let sample = controller.sample(using: &rng)
            let reference = Self.referenceLogProbability(controller, sample.decisions)
            #expect(abs(sample.logProbability - reference.total) < 1e-4)
            #expect(abs(controller.logProbabilities(of: [sample.decisions])[0] - reference.total) < 1e-4)
            let entropy = reference.steps.reduce(0.0) { sum, row in sum - row.reduce(0.0) { $0 + exp($1) * $1 } }
            #expect(abs(sample.entropy - entropy) < 1e-4)
        }
    }

    @Test func samplingFollowsTheSeedAndStaysInRange() {
        var a = SeededGenerator(seed: 11), b = SeededGenerator(seed: 11)
        let choices = [2, 7, 3]
        let first = LSTMController(choices: choices, using: &a)
        let second = LSTMController(choices: choices, using: &b)
        #expect(first == second)
        let drawsA = (0..<20).map { _ in first.sample(using: &a).decisions }
        let drawsB = (0..<20).map { _ in second.sample(using: &b).decisions }
        #expect(drawsA == drawsB)
        #expect(drawsA.allSatisfy { zip($0, choices).allSatisfy { $0 >= 0 && $0 < $1 } })
        // A fresh controller is close to uniform: many distinct vectors among 20 of 42.
        #expect(Set(drawsA).count >= 10)
    }

    @Test func parametersStartWithinTheInitRange() {
        var rng = SeededGenerator(seed: 1)
        let controller = LSTMController(choices: [4, 4], configuration: ControllerConfiguration(hiddenSize: 8, initRange: 0.1), using: &rng)
        let all = controller.parameters.flatMap(\.scalars)
        #expect(all.allSatisfy { abs($0) <= 0.1 })
        #expect(all.contains { abs($0) > 0.05 })
        #expect(controller.parameterNames.count == controller.parameters.count)
    }

    @Test func lossGradientsMatchFiniteDifferences() {
        var rng = SeededGenerator(seed: 5)
        let configuration = ControllerConfiguration(hiddenSize: 3, temperature: 1.3, tanhConstant: 3, initRange: 0.5)
        let controller = LSTMController(choices: [2, 3], configuration: configuration, using: &rng)
        let sequences = [[1, 2], [0, 0], [1, 1]]
        let advantages = [1.5, -0.7, 0.4]
        let loss = { (evaluation: LSTMController.Evaluation) in
            PolicyLoss.reinforce(evaluation, advantages: advantages, entropyWeight: 0.3)
        }
        let trainer = ControllerTrainer(controller: controller, learningRate: 0.01, baselineDecay: 0.9, rule: .reinforce, entropyWeight: 0)
        let gradients = trainer.gradients(sequences, loss: loss)
        func value(_ parameters: [Tensor]) -> Double {
            var probe = controller
            probe.parameters = parameters
            return Double(loss(probe.evaluate(sequences, on: Tape(recordsGradients: false))).value.scalars[0])
        }
        let step: Float = 1e-2
        var checked = 0
        for p in controller.parameters.indices {
            for i in controller.parameters[p].scalars.indices {
                var plus = controller.parameters, minus = controller.parameters
                plus[p].scalars[i] += step
                minus[p].scalars[i] -= step
                let estimate = (value(plus) - value(minus)) / Double(2 * step)
                let exact = Double(gradients[p].scalars[i])
                #expect(abs(estimate - exact) <= 2e-3 + 2e-2 * abs(exact), "\(controller.parameterNames[p])[\(i)]")
                checked += 1
            }
        }
        #expect(checked == controller.parameterCount)
        #expect(gradients.contains { $0.scalars.contains { abs($0) > 1e-2 } })
    }

    @Test func smallMatmulMatchesTheDefinitionAndItsGradients() {
        let tape = Tape()
        let a = tape.parameter(Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
        let b = tape.parameter(Tensor(shape: [3, 2], scalars: [1, -1, 0, 2, -3, 1]))
        let y = a.smallMatmul(b)
        #expect(y.value.scalars == [-8, 6, -14, 12])
        tape.backward(from: y.sum())
        // dA = 1·Bᵀ row sums, dB = Aᵀ·1 column sums.
        #expect(a.gradient?.scalars == [0, 2, -2, 0, 2, -2])
        #expect(b.gradient?.scalars == [5, 5, 7, 7, 9, 9])
    }
}
