import AutoMLTrainer
import Testing

@Suite struct LossGradientTests {
    let check = GradientCheck()
    let scores = Sample.gaussian([4, 3], seed: 30)
    let labels = [0, 2, 1, 2]

    @Test func lossesMatchFiniteDifferences() {
        #expect(check.passes([scores]) { $0[0].crossEntropy(labels: labels) })
        #expect(check.passes([scores]) { $0[0].crossEntropy(labels: labels, labelSmoothing: 0.2) })
        #expect(check.passes([scores]) { $0[0].meanSquaredError(labels: labels) })
        // Hinge: scores spread so that no margin sits within a step of its kink.
        let spread = Tensor(shape: [2, 3], scalars: [0.2, 3.1, -0.7, 1.4, -0.25, 0.6])
        #expect(check.passes([spread]) { $0[0].multiClassHinge(labels: [0, 2]) })
    }

    @Test func crossEntropyOfUniformScoresIsLogOfTheClassCount() {
        let tape = Tape()
        let loss = tape.constant(Tensor(zeros: [2, 4])).crossEntropy(labels: [1, 3]).value.scalar ?? 0
        #expect(abs(loss - 1.386_294_4) < 1e-6)
    }

    @Test func hingeAndSquaredErrorAtKnownPoints() {
        let tape = Tape()
        let s = tape.constant(Tensor(shape: [1, 3], scalars: [2, 1.5, -1]))
        // margins: 1 − 2 + 1.5 = 0.5, 1 − 2 − 1 = −2 → 0.5 / 3
        #expect(abs((s.multiClassHinge(labels: [0]).value.scalar ?? 0) - 0.5 / 3) < 1e-6)
        // residuals 1, 1.5, −1 → (1 + 2.25 + 1) / 3
        #expect(abs((s.meanSquaredError(labels: [0]).value.scalar ?? 0) - 4.25 / 3) < 1e-6)
    }
}
