/// A 1-D (`[B, C, L]`) or 2-D (`[B, C, H, W]`) convolution with a geometry fixed at build time.
struct ConvolutionLayer: Layer {
    let weight: Int
    let bias: Int?
    let rank: Int
    let geometry: WindowGeometry
    let groups: Int
    let outChannels: Int

    func forward(_ input: Variable, _ context: ForwardContext) -> Variable {
        let shape = input.shape
        let w = context.parameter(weight), b = bias.map { context.parameter($0) }
        guard rank == 1 else { return input.convolve(weight: w, bias: b, geometry: geometry, groups: groups) }
        let kernel = w.shape
        let output = input.reshaped([shape[0], shape[1], 1, shape[2]])
            .convolve(weight: w.reshaped([kernel[0], kernel[1], 1, kernel[2]]), bias: b, geometry: geometry, groups: groups)
        return output.reshaped([shape[0], outChannels, geometry.outputWidth])
    }
}
