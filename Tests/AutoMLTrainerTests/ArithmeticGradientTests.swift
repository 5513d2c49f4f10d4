import AutoMLTrainer
import Testing

@Suite struct ArithmeticGradientTests {
    let check = GradientCheck()

    @Test func broadcastingAddSubtractMultiplyDivideMatchFiniteDifferences() {
        let a = Sample.gaussian([2, 3, 4], seed: 1)
        let b = Sample.gaussian([3, 1], seed: 2)
        let positive = Sample.gaussian([4], seed: 3).map { abs($0) + 1 }
        #expect(check.passes([a, b]) { $0[0] + $0[1] })
        #expect(check.passes([a, b]) { $0[0] - $0[1] })
        #expect(check.passes([b, a]) { $0[0] - $0[1] })
        #expect(check.passes([a, b]) { $0[0] * $0[1] })
        #expect(check.passes([a, positive]) { $0[0] / $0[1] })
        #expect(check.passes([positive, a]) { $0[0] / ($0[1] * $0[1] + 1) })
    }

    @Test func broadcastingFollowsNumPyShapes() {
        let tape = Tape()
        let a = tape.constant(Tensor(shape: [2, 1, 3], scalars: [1, 2, 3, 4, 5, 6]))
        let b = tape.constant(Tensor(shape: [2, 1], scalars: [10, 20]))
        let sum = a + b
        #expect(sum.shape == [2, 2, 3])
        #expect(sum.value.scalars == [11, 12, 13, 21, 22, 23, 14, 15, 16, 24, 25, 26])
        #expect(Shape.broadcast([3, 2], [3]) == nil)
    }

    @Test func scalarOperationsSquareAndAbsMatchFiniteDifferences() {
        let a = Sample.awayFromZero([5], seed: 4)
        #expect(check.passes([a]) { ($0[0] * 3 + 1 - 2) / 4 })
        #expect(check.passes([a]) { -$0[0] })
        #expect(check.passes([a]) { $0[0].squared() })
        #expect(check.passes([a]) { $0[0].abs() })
    }

    @Test func matmulAndLinearMatchFiniteDifferences() {
        let x = Sample.gaussian([3, 4], seed: 5)
        let w = Sample.gaussian([4, 2], seed: 6)
        #expect(check.passes([x, w]) { $0[0].matmul($0[1]) })
        #expect(check.passes([Sample.gaussian([2, 3, 4], seed: 7), w]) { $0[0].matmul($0[1]) })
        let weight = Sample.gaussian([5, 4], seed: 8), bias = Sample.gaussian([5], seed: 9)
        #expect(check.passes([x, weight, bias]) { $0[0].linear(weight: $0[1], bias: $0[2]) })
        #expect(check.passes([x, weight]) { $0[0].linear(weight: $0[1], bias: nil) })
    }

    @Test func linearComputesXTimesWeightTransposedPlusBias() {
        let tape = Tape()
        let x = tape.constant(Tensor(shape: [1, 2], scalars: [1, 2]))
        let w = tape.constant(Tensor(shape: [3, 2], scalars: [1, 0, 0, 1, 1, 1]))
        let b = tape.constant(Tensor(shape: [3], scalars: [0.5, 0, -1]))
        #expect(x.linear(weight: w, bias: b).value.scalars == [1.5, 2, 2])
    }

    @Test func reductionsMatchFiniteDifferences() {
        let a = Sample.gaussian([2, 3, 4], seed: 10)
        #expect(check.passes([a]) { $0[0].sum() })
        #expect(check.passes([a]) { $0[0].mean() })
        #expect(check.passes([a]) { $0[0].sum(alongAxes: [1]) })
        #expect(check.passes([a]) { $0[0].sum(alongAxes: [0, -1], keepingDimensions: true) })
        #expect(check.passes([a]) { $0[0].mean(alongAxes: [2]) })
    }

    @Test func reductionShapesAndValues() {
        let tape = Tape()
        let a = tape.constant(Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
        #expect(a.sum(alongAxes: [1]).value == Tensor(shape: [2], scalars: [6, 15]))
        #expect(a.mean(alongAxes: [0], keepingDimensions: true).value == Tensor(shape: [1, 3], scalars: [2.5, 3.5, 4.5]))
        #expect(a.sum().value.scalar == 21)
    }

    @Test func shapeOperationsMatchFiniteDifferences() {
        let a = Sample.gaussian([2, 3, 2], seed: 11)
        let b = Sample.gaussian([2, 1, 2], seed: 12)
        #expect(check.passes([a]) { $0[0].reshaped([3, 4]) })
        #expect(check.passes([a]) { $0[0].flattened() })
        #expect(check.passes([a]) { $0[0].identity() })
        #expect(check.passes([a, b]) { Variable.concatenate([$0[0], $0[1]], alongAxis: 1) })
        #expect(check.passes([a, a]) { Variable.concatenate([$0[0], $0[1]], alongAxis: -1) })
    }

    @Test func concatenationInterleavesAlongTheAxis() {
        let tape = Tape()
        let a = tape.constant(Tensor(shape: [2, 1], scalars: [1, 2]))
        let b = tape.constant(Tensor(shape: [2, 2], scalars: [3, 4, 5, 6]))
        let c = Variable.concatenate([a, b], alongAxis: 1)
        #expect(c.value == Tensor(shape: [2, 3], scalars: [1, 3, 4, 2, 5, 6]))
    }

    @Test func zeroOperationOutputsZerosAndPassesNoGradient() {
        let tape = Tape()
        let a = tape.parameter(Sample.gaussian([2, 2], seed: 13))
        let y = a.zero() + a
        tape.backward(from: y.sum())
        #expect(a.zero().value == Tensor(zeros: [2, 2]))
        #expect(a.gradient == Tensor(shape: [2, 2], repeating: 1))
    }

    @Test func gradientsAccumulateWhenAVariableIsUsedTwice() {
        let tape = Tape()
        let w = tape.parameter(Tensor(shape: [2], scalars: [1, -2]))
        tape.backward(from: (w * w + w).sum())
        #expect(w.gradient == Tensor(shape: [2], scalars: [3, -3]))
    }

    @Test func aGradientCheckDetectsAWrongGradient() {
        // The checker itself must be able to fail: x·stopGradient-like misuse (a constant
        // product whose gradient is dropped) disagrees with finite differences.
        let a = Sample.gaussian([3], seed: 14)
        let error = check.worstError([a]) { v in v[0] * v[0].tape.constant(v[0].value) }
        #expect(error > check.tolerance)
    }
}
