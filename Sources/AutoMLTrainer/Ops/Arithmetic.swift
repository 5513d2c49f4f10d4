/// Broadcasting arithmetic on variables: `+ - * /` between variables (NumPy broadcasting) and
/// with scalars. Gradients of broadcast operands are summed back to their shapes.
extension Variable {
    public static func + (a: Variable, b: Variable) -> Variable {
        let y = Tensor.broadcasting(a.value, b.value, +)
        let (sa, sb) = (a.shape, b.shape)
        return a.record(y, inputs: [a, b]) { g, inputs in
            inputs.accumulate(g.summed(toShape: sa), into: 0)
            inputs.accumulate(g.summed(toShape: sb), into: 1)
        }
    }

    public static func - (a: Variable, b: Variable) -> Variable {
        let y = Tensor.broadcasting(a.value, b.value, -)
        let (sa, sb) = (a.shape, b.shape)
        return a.record(y, inputs: [a, b]) { g, inputs in
            inputs.accumulate(g.summed(toShape: sa), into: 0)
            if inputs.needsGradient(1) { inputs.accumulate(g.map { -$0 }.summed(toShape: sb), into: 1) }
        }
    }

    public static func * (a: Variable, b: Variable) -> Variable {
        let (x, z) = (a.value, b.value)
        let y = Tensor.broadcasting(x, z, *)
        return a.record(y, inputs: [a, b]) { g, inputs in
            if inputs.needsGradient(0) { inputs.accumulate(Tensor.broadcasting(g, z, *).summed(toShape: x.shape), into: 0) }
            if inputs.needsGradient(1) { inputs.accumulate(Tensor.broadcasting(g, x, *).summed(toShape: z.shape), into: 1) }
        }
    }

    public static func / (a: Variable, b: Variable) -> Variable {
        let (x, z) = (a.value, b.value)
        let y = Tensor.broadcasting(x, z, /)
        return a.record(y, inputs: [a, b]) { g, inputs in
            if inputs.needsGradient(0) { inputs.accumulate(Tensor.broadcasting(g, z, /).summed(toShape: x.shape), into: 0) }
            if inputs.needsGradient(1) {
                // d(x/z)/dz = -y / z
                let dz = Tensor.broadcasting(Tensor.broadcasting(g, y, *), z, { -$0 / $1 })
                inputs.accumulate(dz.summed(toShape: z.shape), into: 1)
            }
        }
    }

    public static prefix func - (a: Variable) -> Variable { a * -1 }

    public static func + (a: Variable, c: Float) -> Variable {
        a.record(a.value.map { $0 + c }, inputs: [a]) { g, inputs in inputs.accumulate(g, into: 0) }
    }

    public static func - (a: Variable, c: Float) -> Variable { a + (-c) }

    public static func * (a: Variable, c: Float) -> Variable {
        a.record(a.value.map { $0 * c }, inputs: [a]) { g, inputs in inputs.accumulate(g.map { $0 * c }, into: 0) }
    }

    public static func * (c: Float, a: Variable) -> Variable { a * c }

    public static func / (a: Variable, c: Float) -> Variable { a * (1 / c) }

    /// Elementwise square, `x * x` with one node.
    public func squared() -> Variable {
        let x = value
        return record(x.map { $0 * $0 }, inputs: [self]) { g, inputs in
            inputs.accumulate(g.zipMap(x) { 2 * $0 * $1 }, into: 0)
        }
    }

    /// Elementwise absolute value; its gradient at 0 is taken as 0 (a subgradient).
    public func abs() -> Variable {
        let x = value
        return record(x.map { Swift.abs($0) }, inputs: [self]) { g, inputs in
            inputs.accumulate(g.zipMap(x) { $1 > 0 ? $0 : ($1 < 0 ? -$0 : 0) }, into: 0)
        }
    }
}
