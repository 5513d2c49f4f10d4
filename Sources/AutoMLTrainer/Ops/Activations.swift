/// Elementwise activation functions and their derivatives.
extension Variable {
    /// Applies `function` elementwise; `derivative(x, y)` is dy/dx given the input x and the
    /// output y (whichever is cheaper to use).
    @inline(__always)
    func elementwise(_ function: (Float) -> Float, derivative: @escaping (Float, Float) -> Float) -> Variable {
        let x = value
        let y = x.map(function)
        return record(y, inputs: [self]) { g, inputs in
            let n = g.count
            let dx = g.scalars.withUnsafeBufferPointer { pg in
                x.scalars.withUnsafeBufferPointer { px in
                    y.scalars.withUnsafeBufferPointer { py in
                        Tensor(shape: x.shape) { out in
                            for i in 0..<n { out[i] = pg[i] * derivative(px[i], py[i]) }
                        }
                    }
                }
            }
            inputs.accumulate(dx, into: 0)
        }
    }

    /// max(0, x); the derivative at 0 is taken as 0.
    public func relu() -> Variable {
        let x = value
        let y = x.map { $0 > 0 ? $0 : 0 }
        return record(y, inputs: [self]) { g, inputs in
            inputs.accumulate(g.zipMap(x) { $1 > 0 ? $0 : 0 }, into: 0)
        }
    }

    /// x for x > 0, `slope * x` otherwise.
    public func leakyRelu(slope: Float = 0.01) -> Variable {
        elementwise({ $0 > 0 ? $0 : slope * $0 }, derivative: { x, _ in x > 0 ? 1 : slope })
    }

    /// x for x > 0, `alpha * (exp(x) - 1)` otherwise (Clevert et al. 2016).
    public func elu(alpha: Float = 1) -> Variable {
        elementwise({ $0 > 0 ? $0 : alpha * (Math.exp($0) - 1) }, derivative: { x, y in x > 0 ? 1 : y + alpha })
    }

    /// The Gaussian error linear unit `x * Φ(x)`, exact (erf) form (Hendrycks & Gimpel 2016).
    public func gelu() -> Variable {
        let invSqrt2: Float = 0.707_106_781_186_547_5
        let invSqrt2Pi: Float = 0.398_942_280_401_432_7
        return elementwise({ 0.5 * $0 * (1 + Math.erf($0 * invSqrt2)) }, derivative: { x, _ in
            0.5 * (1 + Math.erf(x * invSqrt2)) + x * invSqrt2Pi * Math.exp(-0.5 * x * x)
        })
    }

    public func tanh() -> Variable {
        elementwise({ Math.tanh($0) }, derivative: { _, y in 1 - y * y })
    }

    public func sigmoid() -> Variable {
        elementwise({ 1 / (1 + Math.exp(-$0)) }, derivative: { _, y in y * (1 - y) })
    }
}
