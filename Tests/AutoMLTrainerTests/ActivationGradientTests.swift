import AutoMLTrainer
import Testing

@Suite struct ActivationGradientTests {
    let check = GradientCheck()
    let x = Sample.awayFromZero([3, 5], seed: 20)

    @Test func everyActivationMatchesFiniteDifferences() {
        #expect(check.passes([x]) { $0[0].relu() })
        #expect(check.passes([x]) { $0[0].leakyRelu(slope: 0.1) })
        #expect(check.passes([x]) { $0[0].elu(alpha: 1.5) })
        #expect(check.passes([x]) { $0[0].gelu() })
        #expect(check.passes([x]) { $0[0].tanh() })
        #expect(check.passes([x]) { $0[0].sigmoid() })
        #expect(check.passes([x]) { $0[0].softmax() })
        #expect(check.passes([x]) { $0[0].logSoftmax() })
    }

    @Test func activationValuesAtKnownPoints() {
        let tape = Tape()
        let v = tape.constant(Tensor(shape: [3], scalars: [-1, 0, 2]))
        #expect(v.relu().value.scalars == [0, 0, 2])
        #expect(v.leakyRelu(slope: 0.5).value.scalars == [-0.5, 0, 2])
        #expect(abs(v.elu().value.scalars[0] - (0.367_879_44 - 1)) < 1e-6)
        #expect(abs(v.gelu().value.scalars[2] - 1.954_5) < 1e-3)
        #expect(abs(v.sigmoid().value.scalars[1] - 0.5) < 1e-7)
        #expect(abs(v.tanh().value.scalars[2] - 0.964_027_6) < 1e-6)
    }

    @Test func softmaxRowsSumToOneEvenForLargeScores() {
        let tape = Tape()
        let v = tape.constant(Tensor(shape: [2, 3], scalars: [1000, 1001, 1002, -5, 0, 5]))
        let p = v.softmax().value
        #expect(p.scalars.allSatisfy { $0.isFinite })
        #expect(abs(p.scalars[0..<3].reduce(0, +) - 1) < 1e-6)
        #expect(abs(p.scalars[3..<6].reduce(0, +) - 1) < 1e-6)
        let logP = v.logSoftmax().value
        #expect(abs(logP.scalars[2] - -0.407_606) < 1e-5)
    }
}
