@testable import AutoMLTrainer
import Testing

/// The vectorized kernels against plain loops, at lengths that exercise both the 16-wide body
/// and the scalar tail (the op-level tests use shapes too small to reach the body).
@Suite struct SIMDKernelTests {
    @Test(arguments: [0, 5, 16, 37, 64])
    func sumsMatchPlainLoops(_ count: Int) {
        let x = Sample.gaussian([count], seed: 90).scalars, y = Sample.gaussian([count], seed: 91).scalars
        x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                guard let px = px.baseAddress, let py = py.baseAddress else { return }
                #expect(abs(SIMDSum.sum(px, count) - x.reduce(0, +)) < 1e-4)
                let moments = SIMDSum.shiftedMoments(px, count, shift: 0.5)
                #expect(abs(moments.sum - x.map { $0 - 0.5 }.reduce(0, +)) < 1e-4)
                #expect(abs(moments.squares - x.map { ($0 - 0.5) * ($0 - 0.5) }.reduce(0, +)) < 1e-3)
                let both = SIMDSum.sumAndDot(px, py, count)
                #expect(abs(both.dot - zip(x, y).map(*).reduce(0, +)) < 1e-4)
            }
        }
    }

    @Test(arguments: [3, 16, 40])
    func elementwiseKernelsMatchPlainLoops(_ count: Int) {
        let x = Sample.gaussian([count], seed: 92).scalars, y = Sample.gaussian([count], seed: 93).scalars
        var shifted = [Float](repeating: 0, count: count), combined = shifted, accumulated = y
        x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                guard let px = px.baseAddress, let py = py.baseAddress else { return }
                shifted.withUnsafeMutableBufferPointer { SIMDKernels.scaleShift(px, 2, -1, into: $0.baseAddress!, count) }
                combined.withUnsafeMutableBufferPointer { SIMDKernels.combine(px, 2, py, -3, 0.5, into: $0.baseAddress!, count) }
                accumulated.withUnsafeMutableBufferPointer { SIMDKernels.accumulate(px, into: $0.baseAddress!, count) }
            }
        }
        for i in 0..<count {
            #expect(shifted[i] == x[i] * 2 - 1)
            #expect(abs(combined[i] - (x[i] * 2 - 3 * y[i] + 0.5)) < 1e-5)
            #expect(accumulated[i] == y[i] + x[i])
        }
    }

    @Test func batchNormAndConvolutionGradientsHoldAtVectorLengths() {
        let check = GradientCheck(step: 1e-2, tolerance: 3e-2)
        let x = Sample.gaussian([2, 2, 37], seed: 94)
        #expect(check.passes([x, Sample.gaussian([2], seed: 95), Sample.gaussian([2], seed: 96)]) {
            var running = BatchNormStatistics(channels: 2)
            return $0[0].batchNorm(scale: $0[1], shift: $0[2], running: &running, training: true)
        })
        #expect(check.passes([x, Sample.gaussian([3, 2, 3], seed: 97), Sample.gaussian([3], seed: 98)]) {
            $0[0].conv1d(weight: $0[1], bias: $0[2], padding: (2, 2), dilation: 2)
        })
        #expect(check.passes([Sample.gaussian([3, 35], seed: 99), Sample.gaussian([35, 35], seed: 100), Sample.gaussian([35], seed: 101)]) {
            $0[0].linear(weight: $0[1], bias: $0[2])
        })
    }
}
