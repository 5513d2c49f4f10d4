import AutoMLJSON
import AutoMLSpace

#if canImport(Glibc)
import Glibc
#endif

/// A synthetic optimization problem with a known optimum: what `automl run --problem` and
/// `automl bench hpo` evaluate, so search quality is measured as regret (best found minus optimum).
public struct TestProblem: Sendable {
    public let name: String
    public let summary: String
    /// The space, as a client would send it.
    public let spaceJSON: JSON
    /// The global minimum value.
    public let optimum: Double
    let function: @Sendable ([Double]) -> Double
    let parameterNames: [String]

    /// The objective at a config of this problem's space (minimized).
    public func evaluate(_ config: JSONObject) -> Double {
        function(parameterNames.map { config[$0]?.doubleValue ?? .nan })
    }

    public func evaluate(_ x: [Double]) -> Double { function(x) }

    /// A box-bounded problem with parameters `x0`, `x1`, ... .
    init(name: String, summary: String, bounds: [(Double, Double)], optimum: Double, function: @escaping @Sendable ([Double]) -> Double) {
        self.name = name
        self.summary = summary
        self.optimum = optimum
        self.function = function
        let names = bounds.indices.map { "x\($0)" }
        self.parameterNames = names
        self.spaceJSON = [
            "params": .array(zip(names, bounds).map { name, bound in
                ["name": .string(name), "type": "float", "low": .double(bound.0), "high": .double(bound.1)]
            })
        ]
    }
}

extension TestProblem {
    /// Every built-in problem, by name.
    public static let all: [TestProblem] = [branin, hartmann3, hartmann6, rosenbrock4, ackley10]

    public static func named(_ name: String) -> TestProblem? { all.first { $0.name == name } }

    /// Branin-Hoo on [-5, 10] x [0, 15]; three global minima of 0.397887.
    public static let branin = TestProblem(
        name: "branin", summary: "Branin-Hoo, 2-D, three global minima",
        bounds: [(-5, 10), (0, 15)], optimum: 0.397_887_357_729_738
    ) { x in
        let a = 1.0, b = 5.1 / (4 * Double.pi * Double.pi), c = 5 / Double.pi, r = 6.0, s = 10.0, t = 1 / (8 * Double.pi)
        let u = x[1] - b * x[0] * x[0] + c * x[0] - r
        return a * u * u + s * (1 - t) * cos(x[0]) + s
    }

    /// Hartmann-3 on [0, 1]^3; minimum -3.86278.
    public static let hartmann3 = TestProblem(
        name: "hartmann3", summary: "Hartmann, 3-D, four local minima",
        bounds: Array(repeating: (0, 1), count: 3), optimum: -3.862_782_147_820_756
    ) { x in
        hartmann(x, a: hartmann3A, p: hartmann3P)
    }

    /// Hartmann-6 on [0, 1]^6; minimum -3.32237.
    public static let hartmann6 = TestProblem(
        name: "hartmann6", summary: "Hartmann, 6-D, six local minima",
        bounds: Array(repeating: (0, 1), count: 6), optimum: -3.322_368_011_415_515
    ) { x in
        hartmann(x, a: hartmann6A, p: hartmann6P)
    }

    /// Rosenbrock in 4-D on [-5, 10]^4; minimum 0 at (1, 1, 1, 1).
    public static let rosenbrock4 = TestProblem(
        name: "rosenbrock4", summary: "Rosenbrock, 4-D, a curved valley",
        bounds: Array(repeating: (-5, 10), count: 4), optimum: 0
    ) { x in
        (0..<(x.count - 1)).reduce(0.0) { sum, i in
            let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
            return sum + 100 * a * a + b * b
        }
    }

    /// Ackley in 10-D on [-32.768, 32.768]^10; minimum 0 at the origin.
    public static let ackley10 = TestProblem(
        name: "ackley10", summary: "Ackley, 10-D, many local minima",
        bounds: Array(repeating: (-32.768, 32.768), count: 10), optimum: 0
    ) { x in
        let n = Double(x.count)
        let squares = x.reduce(0) { $0 + $1 * $1 }
        let cosines = x.reduce(0) { $0 + cos(2 * Double.pi * $1) }
        return -20 * exp(-0.2 * (squares / n).squareRoot()) - exp(cosines / n) + 20 + exp(1)
    }

    static func hartmann(_ x: [Double], a: [[Double]], p: [[Double]]) -> Double {
        let alpha = [1.0, 1.2, 3.0, 3.2]
        var sum = 0.0
        for i in 0..<4 {
            var inner = 0.0
            for j in 0..<x.count {
                let d = x[j] - p[i][j]
                inner += a[i][j] * d * d
            }
            sum += alpha[i] * exp(-inner)
        }
        return -sum
    }

    static let hartmann3A: [[Double]] = [[3, 10, 30], [0.1, 10, 35], [3, 10, 30], [0.1, 10, 35]]
    static let hartmann3P: [[Double]] = [
        [0.3689, 0.1170, 0.2673], [0.4699, 0.4387, 0.7470], [0.1091, 0.8732, 0.5547], [0.0381, 0.5743, 0.8828],
    ]
    static let hartmann6A: [[Double]] = [
        [10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14],
    ]
    static let hartmann6P: [[Double]] = [
        [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
        [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
    ]
}

extension TestProblem {
    /// The 5-D problem the cost benchmark asks on (a sphere: its value does not matter, only
    /// the strategy's work per suggestion).
    public static let costProblem = TestProblem(
        name: "sphere5", summary: "Sphere, 5-D",
        bounds: Array(repeating: (-5, 5), count: 5), optimum: 0
    ) { x in x.reduce(0) { $0 + $1 * $1 } }
}
