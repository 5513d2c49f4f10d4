/// Where a sliding window (a convolution kernel or a pooling window) falls on a 2-D input;
/// 1-D inputs are the special case of height 1.
///
/// Output extent along an axis: `(input + padBefore + padAfter − dilation·(kernel − 1) − 1) / stride + 1`.
/// Window position `o` reads input index `o·stride − padBefore + k·dilation` for tap `k`;
/// indices outside the input are padding.
public struct WindowGeometry: Sendable, Equatable {
    public var inputHeight: Int, inputWidth: Int
    public var kernelHeight: Int, kernelWidth: Int
    public var strideHeight: Int, strideWidth: Int
    public var padTop: Int, padLeft: Int
    public var dilationHeight: Int, dilationWidth: Int
    public var outputHeight: Int, outputWidth: Int

    /// A window over `input` ([height, width]); `padding` is (before, after) per axis.
    /// Returns nil when a parameter is not positive or the output would be empty.
    public init?(input: [Int], kernel: [Int], stride: [Int], padding: [(Int, Int)], dilation: [Int]) {
        guard input.count == 2, kernel.count == 2, stride.count == 2, padding.count == 2, dilation.count == 2,
              (input + kernel + stride + dilation).allSatisfy({ $0 >= 1 }),
              padding.allSatisfy({ $0.0 >= 0 && $0.1 >= 0 }) else { return nil }
        func extent(_ axis: Int) -> Int {
            let span = input[axis] + padding[axis].0 + padding[axis].1 - dilation[axis] * (kernel[axis] - 1) - 1
            return span < 0 ? 0 : span / stride[axis] + 1
        }
        (inputHeight, inputWidth) = (input[0], input[1])
        (kernelHeight, kernelWidth) = (kernel[0], kernel[1])
        (strideHeight, strideWidth) = (stride[0], stride[1])
        (padTop, padLeft) = (padding[0].0, padding[1].0)
        (dilationHeight, dilationWidth) = (dilation[0], dilation[1])
        (outputHeight, outputWidth) = (extent(0), extent(1))
        guard outputHeight >= 1, outputWidth >= 1 else { return nil }
    }

    public var inputArea: Int { inputHeight * inputWidth }
    public var outputArea: Int { outputHeight * outputWidth }
    public var kernelArea: Int { kernelHeight * kernelWidth }

    /// The output columns `ox` whose tap `kx` lands inside the input: `lower..<upper`.
    @inline(__always)
    func validColumns(tap kx: Int) -> (lower: Int, upper: Int) {
        let offset = kx * dilationWidth - padLeft
        // ox·s + offset ≥ 0  and  ox·s + offset ≤ W − 1
        let lower = offset >= 0 ? 0 : (-offset + strideWidth - 1) / strideWidth
        let last = inputWidth - 1 - offset
        let upper = last < 0 ? 0 : Swift.min(outputWidth, last / strideWidth + 1)
        return (Swift.min(lower, upper), upper)
    }

    /// The input row read by output row `oy` at tap `ky`, or nil when it is padding.
    @inline(__always)
    func inputRow(output oy: Int, tap ky: Int) -> Int? {
        let row = oy * strideHeight - padTop + ky * dilationHeight
        return row >= 0 && row < inputHeight ? row : nil
    }
}
