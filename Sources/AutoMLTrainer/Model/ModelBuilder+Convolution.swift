import AutoMLJSON

extension ModelBuilder {
    mutating func convolution(_ conv: Convolution, input: [Int], name: String, path: String,
                              frozen: Bool) throws(JSONFieldError) -> Built {
        func fail(_ reason: String) -> JSONFieldError { JSONFieldError(path: path, reason: reason) }
        guard input.count == conv.rank + 1 else {
            throw fail("conv\(conv.rank)d takes [channels, \(conv.rank == 1 ? "length" : "height, width")] per sample, not \(input)"
                       + (input.count == 1 ? ": set the model's inputShape" : ""))
        }
        let channels = input[0]
        guard channels % conv.groups == 0, conv.channels % conv.groups == 0 else {
            throw fail("\(conv.groups) groups must divide the input channels (\(channels)) and the output channels (\(conv.channels))")
        }
        guard let geometry = Self.geometry(Array(input.dropFirst()), kernel: conv.kernel, stride: conv.stride,
                                           dilation: conv.dilation, padding: conv.padding)
        else { throw fail("the kernel does not fit the input \(input)") }
        let weightShape = [conv.channels, channels / conv.groups] + conv.kernel
        let w = try declare("\(name).weight", weightShape, .weight, frozen, path)
        let b = conv.bias ? try declare("\(name).bias", [conv.channels], .bias, frozen, path) : nil
        let spatial = Self.outputSpatial(geometry, rank: conv.rank)
        guard let macs = Shape.checkedCount([conv.channels, Shape.count(spatial), channels / conv.groups, geometry.kernelArea]) else {
            throw fail("the convolution is too large")
        }
        // im2col unfolds C·KH·KW values for each output position.
        guard let unfolded = Shape.checkedCount([channels, geometry.kernelArea, geometry.outputArea]), unfolded <= Self.activationLimit else {
            throw fail("the convolution unfolds to more than \(Self.activationLimit) values per sample")
        }
        return Built(layer: ConvolutionLayer(weight: w, bias: b, rank: conv.rank, geometry: geometry, groups: conv.groups,
                                             outChannels: conv.channels),
                     shape: [conv.channels] + spatial, macs: macs)
    }

    /// The window geometry over spatial extents (1-D inputs become height 1), or nil when the
    /// window does not fit.
    static func geometry(_ spatial: [Int], kernel: [Int], stride: [Int], dilation: [Int], padding: Padding) -> WindowGeometry? {
        let pads: [(Int, Int)]
        switch padding {
        case .explicit(let values): pads = values.map { ($0, $0) }
        case .same:
            pads = spatial.indices.map { axis in
                let output = (spatial[axis] + stride[axis] - 1) / stride[axis]
                let total = Swift.max((output - 1) * stride[axis] + dilation[axis] * (kernel[axis] - 1) + 1 - spatial[axis], 0)
                return (total / 2, total - total / 2)
            }
        }
        guard pads.count == spatial.count else { return nil }
        if spatial.count == 1 {
            return WindowGeometry(input: [1, spatial[0]], kernel: [1, kernel[0]], stride: [1, stride[0]],
                                  padding: [(0, 0), pads[0]], dilation: [1, dilation[0]])
        }
        return WindowGeometry(input: spatial, kernel: kernel, stride: stride, padding: pads, dilation: dilation)
    }

    static func outputSpatial(_ geometry: WindowGeometry, rank: Int) -> [Int] {
        rank == 1 ? [geometry.outputWidth] : [geometry.outputHeight, geometry.outputWidth]
    }
}
