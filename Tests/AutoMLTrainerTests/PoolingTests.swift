import AutoMLTrainer
import Testing

@Suite struct PoolingTests {
    let check = GradientCheck()

    @Test func poolingGradientsMatchFiniteDifferences() {
        let x1 = Sample.distinct([2, 2, 7], seed: 60)
        #expect(check.passes([x1]) { $0[0].pool1d(.max, kernel: 3, stride: 2, padding: (1, 1)) })
        #expect(check.passes([x1]) { $0[0].pool1d(.average, kernel: 3, stride: 1, padding: (1, 1)) })
        let x2 = Sample.distinct([1, 2, 4, 5], seed: 61)
        #expect(check.passes([x2]) { $0[0].pool2d(.max, kernel: (2, 2), stride: (2, 2), padding: ((0, 0), (0, 1))) })
        #expect(check.passes([x2]) { $0[0].pool2d(.average, kernel: (3, 3), stride: (1, 2), padding: ((1, 1), (1, 1))) })
        #expect(check.passes([x2]) { $0[0].globalAveragePool() })
        #expect(check.passes([x2]) { $0[0].globalMaxPool() })
    }

    @Test func poolingValuesIgnorePadding() {
        let tape = Tape()
        let x = tape.constant(Tensor(shape: [1, 1, 4], scalars: [-1, -2, -3, -4]))
        #expect(x.pool1d(.max, kernel: 2, stride: 2).value.scalars == [-1, -3])
        #expect(x.pool1d(.max, kernel: 3, stride: 1, padding: (1, 1)).value.scalars == [-1, -1, -2, -3])
        #expect(x.pool1d(.average, kernel: 3, stride: 1, padding: (1, 1)).value.scalars == [-1.5, -2, -3, -3.5])
        #expect(x.globalAveragePool().value == Tensor(shape: [1, 1], scalars: [-2.5]))
        #expect(x.globalMaxPool().value == Tensor(shape: [1, 1], scalars: [-1]))
    }
}
