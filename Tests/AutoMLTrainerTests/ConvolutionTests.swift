import AutoMLTrainer
import Testing

@Suite struct ConvolutionTests {
    let check = GradientCheck()

    /// A direct 1-D convolution, the definition the im2col version must agree with.
    func reference1d(_ x: Tensor, _ w: Tensor, _ bias: Tensor?, stride: Int, padding: Int, dilation: Int, groups: Int) -> Tensor {
        let (batch, length) = (x.shape[0], x.shape[2])
        let (outChannels, groupChannels, kernel) = (w.shape[0], w.shape[1], w.shape[2])
        let outLength = (length + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1
        var y = Tensor(zeros: [batch, outChannels, outLength])
        let perGroup = outChannels / groups
        for b in 0..<batch {
            for o in 0..<outChannels {
                let group = o / perGroup
                for l in 0..<outLength {
                    var total = bias?.scalars[o] ?? 0
                    for c in 0..<groupChannels {
                        for k in 0..<kernel {
                            let i = l * stride - padding + k * dilation
                            if i >= 0 && i < length { total += w[o, c, k] * x[b, group * groupChannels + c, i] }
                        }
                    }
                    y[b, o, l] = total
                }
            }
        }
        return y
    }

    @Test(arguments: [(1, 0, 1, 1), (2, 1, 1, 1), (1, 2, 2, 1), (1, 1, 1, 2), (3, 2, 2, 4)])
    func conv1dAgreesWithTheDirectDefinition(_ setting: (stride: Int, padding: Int, dilation: Int, groups: Int)) {
        let x = Sample.gaussian([2, 4, 9], seed: 40)
        let w = Sample.gaussian([4, 4 / setting.groups, 3], seed: 41)
        let bias = Sample.gaussian([4], seed: 42)
        let tape = Tape()
        let y = tape.constant(x).conv1d(
            weight: tape.constant(w), bias: tape.constant(bias), stride: setting.stride,
            padding: (setting.padding, setting.padding), dilation: setting.dilation, groups: setting.groups)
        let expected = reference1d(x, w, bias, stride: setting.stride, padding: setting.padding,
                                   dilation: setting.dilation, groups: setting.groups)
        #expect(y.shape == expected.shape)
        #expect(zip(y.value.scalars, expected.scalars).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test(arguments: [(1, 0, 1, 1), (2, 1, 1, 1), (1, 2, 2, 1), (1, 1, 1, 2), (1, 1, 1, 4)])
    func conv1dGradientsMatchFiniteDifferences(_ setting: (stride: Int, padding: Int, dilation: Int, groups: Int)) {
        let x = Sample.gaussian([2, 4, 7], seed: 43)
        let w = Sample.gaussian([4, 4 / setting.groups, 3], seed: 44)
        let bias = Sample.gaussian([4], seed: 45)
        #expect(check.passes([x, w, bias]) {
            $0[0].conv1d(weight: $0[1], bias: $0[2], stride: setting.stride, padding: (setting.padding, setting.padding),
                         dilation: setting.dilation, groups: setting.groups)
        })
    }

    @Test func asymmetricPaddingKeepsTheLengthForAnEvenKernel() {
        let tape = Tape()
        let y = tape.constant(Sample.gaussian([1, 1, 6], seed: 46))
            .conv1d(weight: tape.constant(Sample.gaussian([2, 1, 4], seed: 47)), bias: nil, padding: (1, 2))
        #expect(y.shape == [1, 2, 6])
    }

    @Test func conv2dGradientsMatchFiniteDifferencesWithStrideDilationAndGroups() {
        let x = Sample.gaussian([1, 2, 5, 6], seed: 48)
        let w = Sample.gaussian([4, 1, 3, 2], seed: 49)
        let bias = Sample.gaussian([4], seed: 50)
        #expect(check.passes([x, w, bias]) {
            $0[0].conv2d(weight: $0[1], bias: $0[2], stride: (2, 1), padding: ((1, 1), (0, 1)), dilation: (1, 2), groups: 2)
        })
    }

    @Test func asymmetricPaddingDilationAndGroupsIn2DAndWidePaddingIn1DMatchFiniteDifferences() {
        let x = Sample.gaussian([2, 2, 4, 5], seed: 51)
        let w = Sample.gaussian([4, 1, 2, 3], seed: 52)
        #expect(check.passes([x, w]) {
            $0[0].conv2d(weight: $0[1], bias: nil, padding: ((1, 0), (2, 1)), dilation: (1, 2), groups: 2)
        })
        // Padding wider than the kernel's span, and an even kernel.
        let x1 = Sample.gaussian([1, 3, 5], seed: 53)
        let w1 = Sample.gaussian([2, 3, 2], seed: 54)
        #expect(check.passes([x1, w1]) { $0[0].conv1d(weight: $0[1], bias: nil, padding: (3, 2)) })
    }

    @Test func conv2dOfAOneByOneKernelIsAChannelMix() {
        let tape = Tape()
        let x = tape.constant(Tensor(shape: [1, 2, 1, 2], scalars: [1, 2, 3, 4]))
        let w = tape.constant(Tensor(shape: [1, 2, 1, 1], scalars: [10, 1]))
        #expect(x.conv2d(weight: w, bias: nil).value.scalars == [13, 24])
    }

    @Test func depthwiseConvolutionKeepsChannelsApart() {
        let tape = Tape()
        let x = tape.constant(Tensor(shape: [1, 2, 3], scalars: [1, 2, 3, 10, 20, 30]))
        let w = tape.constant(Tensor(shape: [2, 1, 1], scalars: [2, -1]))
        #expect(x.conv1d(weight: w, bias: nil, groups: 2).value.scalars == [2, 4, 6, -10, -20, -30])
    }
}
