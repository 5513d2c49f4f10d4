import AutoMLNumerics
import AutoMLTrainer
import Testing

/// A backward closure that captured a variable would keep its tape (and every tensor on it)
/// alive forever; these tests run every operation and check that the tape is freed.
@Suite struct TapeLifetimeTests {
    @Test func aTapeIsFreedAfterEveryOperationRanForwardAndBackward() {
        weak var released: Tape?
        do {
            let tape = Tape()
            released = tape
            let x = tape.parameter(Sample.gaussian([2, 2, 6], seed: 1))
            let w = tape.parameter(Sample.gaussian([2, 2, 3], seed: 2))
            let b = tape.parameter(Sample.gaussian([2], seed: 3))
            var running = BatchNormStatistics(channels: 2)
            var generator = SeededGenerator(seed: 4)
            let conv = x.conv1d(weight: w, bias: b, padding: (1, 1))
            let normalized = conv.batchNorm(scale: b, shift: b, running: &running, training: true)
            let pooled = normalized.pool1d(.max, kernel: 2, stride: 2) + normalized.pool1d(.average, kernel: 2, stride: 2)
            let activated = (pooled.relu() + pooled.gelu() + pooled.elu() + pooled.leakyRelu() + pooled.tanh() + pooled.sigmoid())
                .dropout(rate: 0.5, training: true, generator: &generator)
            let flat = Variable.concatenate([activated.flattened(), pooled.globalAveragePool(), pooled.globalMaxPool()], alongAxis: 1)
            let m = tape.parameter(Sample.gaussian([10, 3], seed: 5))
            let scores = flat.matmul(m).linear(weight: tape.parameter(Sample.gaussian([3, 3], seed: 6)), bias: nil)
            let mixed = (scores.softmax() * scores - scores / (scores.squared() + 1)).logSoftmax() + scores.abs().identity()
            let weights = tape.parameter(Tensor(shape: [2], scalars: [0.1, 0.2])).gathered([1, 0]).softmax()
            let loss = mixed.crossEntropy(labels: [0, 2]) + mixed.multiClassHinge(labels: [1, 1])
                + mixed.meanSquaredError(labels: [2, 0]) + mixed.sum(alongAxes: [1]).mean() + weights.sum()
                + mixed.reshaped([6]).mean(alongAxes: [0]) + scores.zero().sum() - 1
            tape.backward(from: loss)
            #expect(x.gradient != nil)
        }
        #expect(released == nil)
    }

    @Test func aTapeIsFreedAfterAForwardPassWithoutBackward() {
        weak var released: Tape?
        do {
            let tape = Tape()
            released = tape
            let x = tape.parameter(Sample.gaussian([2, 3], seed: 7))
            _ = (x * x + x).relu().sum()
        }
        #expect(released == nil)
    }
}
