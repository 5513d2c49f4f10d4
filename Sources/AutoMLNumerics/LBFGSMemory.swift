/// The last `capacity` steps `s = x' - x` and gradient changes `y = g' - g` of a quasi-Newton
/// run, and the two-loop recursion that applies the implied inverse-Hessian approximation.
///
/// A run can start from the memory of an earlier run on a nearby problem (`BoundedLBFGS`'s
/// `memory:` argument): refitting a model after one more observation, say, where the old
/// curvature pairs make the first step nearly a Newton step.
///
/// Reference: J. Nocedal, "Updating quasi-Newton matrices with limited storage",
/// Math. Comp. 35 (1980); Nocedal & Wright, Numerical Optimization, algorithm 7.4.
public struct LBFGSMemory: Sendable, Hashable {
    public let capacity: Int
    private var steps: [[Double]] = []
    private var changes: [[Double]] = []
    private var inverseCurvatures: [Double] = []

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    public var isEmpty: Bool { steps.isEmpty }

    /// Stored pairs.
    public var count: Int { steps.count }

    /// Whether the stored pairs (if any) have `dimension` entries.
    func matches(dimension: Int) -> Bool {
        steps.first.map { $0.count == dimension } ?? true
    }

    mutating func clear() {
        steps.removeAll(keepingCapacity: true)
        changes.removeAll(keepingCapacity: true)
        inverseCurvatures.removeAll(keepingCapacity: true)
    }

    /// Stores a pair when its curvature `sᵀy` is safely positive (otherwise the approximation
    /// would stop being positive definite); returns whether it was stored.
    @discardableResult
    mutating func push(step: [Double], change: [Double]) -> Bool {
        let curvature = Self.dot(step, change)
        let changeNorm = Self.dot(change, change)
        guard curvature > 2.220446049250313e-16 * changeNorm, curvature.isFinite, curvature > 0 else { return false }
        if steps.count == capacity {
            steps.removeFirst()
            changes.removeFirst()
            inverseCurvatures.removeFirst()
        }
        steps.append(step)
        changes.append(change)
        inverseCurvatures.append(1 / curvature)
        return true
    }

    /// `H q` for the current approximation `H` of the inverse Hessian (the identity, scaled by
    /// the latest `sᵀy / yᵀy`, when no pair is stored).
    func applyInverseHessian(_ vector: [Double]) -> [Double] {
        var q = vector
        let count = steps.count
        var alphas = [Double](repeating: 0, count: count)
        var i = count - 1
        while i >= 0 {
            let a = inverseCurvatures[i] * Self.dot(steps[i], q)
            alphas[i] = a
            Self.axpy(-a, changes[i], &q)
            i -= 1
        }
        if let s = steps.last, let y = changes.last {
            let scale = Self.dot(s, y) / Self.dot(y, y)
            for k in q.indices { q[k] *= scale }
        }
        for j in 0..<count {
            let b = inverseCurvatures[j] * Self.dot(changes[j], q)
            Self.axpy(alphas[j] - b, steps[j], &q)
        }
        return q
    }
}

extension LBFGSMemory {
    @inline(__always) static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    @inline(__always) static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        for i in y.indices { y[i] += alpha * x[i] }
    }
}
