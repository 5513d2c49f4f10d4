import AutoMLNumerics

/// How linear and convolution weights are drawn before training.
///
/// With fan-in `n_in` (inputs per output: in-channels per group × kernel taps) and fan-out
/// `n_out` (out-channels × kernel taps): Glorot/Xavier (Glorot & Bengio 2010) uses variance
/// 2/(n_in + n_out); He/Kaiming (He et al. 2015) 2/n_in, for ReLU networks; LeCun (LeCun et
/// al. 1998) 1/n_in. Uniform variants draw from ±√(3·variance); normal ones from N(0,
/// variance). Orthogonal (Saxe et al. 2014) makes the weight, viewed as out × (in·taps),
/// have orthonormal rows (or columns, when it is tall). Fan-in uniform draws from ±1/√n_in
/// (variance 1/(3·n_in)), what PyTorch's linear and convolution layers use by default
/// (Kaiming uniform with a = √5); it is the default here too, since with batch norm and a wide
/// classifier it trains markedly better than the larger He scale.
public enum WeightInitialization: String, Sendable, CaseIterable {
    case fanInUniform = "fan_in_uniform"
    case glorotUniform = "glorot_uniform", glorotNormal = "glorot_normal"
    case heUniform = "he_uniform", heNormal = "he_normal"
    case lecunUniform = "lecun_uniform", lecunNormal = "lecun_normal"
    case orthogonal

    /// Also accepts the Xavier and Kaiming spellings (`xavier_uniform`, `kaiming_normal`, ...).
    public init?(name: String) {
        let aliases = ["xavier_uniform": "glorot_uniform", "xavier_normal": "glorot_normal",
                       "kaiming_uniform": "he_uniform", "kaiming_normal": "he_normal"]
        self.init(rawValue: aliases[name] ?? name)
    }

    /// A weight of `shape` (`[out, in/groups, taps...]` or `[out, in]`).
    public func weight(shape: [Int], generator: inout SeededGenerator) -> Tensor {
        let taps = Shape.count(Array(shape.dropFirst(2)))
        let fanIn = (shape.count > 1 ? shape[1] : 1) * taps
        let fanOut = shape[0] * taps
        let variance: Double
        switch self {
        case .glorotUniform, .glorotNormal: variance = 2 / Double(fanIn + fanOut)
        case .heUniform, .heNormal: variance = 2 / Double(fanIn)
        case .lecunUniform, .lecunNormal: variance = 1 / Double(fanIn)
        case .fanInUniform: variance = 1 / (3 * Double(fanIn))
        case .orthogonal: return Orthogonal.matrix(rows: shape[0], columns: fanIn, generator: &generator).reshaped(shape)
        }
        let count = Shape.count(shape)
        switch self {
        case .glorotUniform, .heUniform, .lecunUniform, .fanInUniform:
            let limit = (3 * variance).squareRoot()
            return Tensor(shape: shape, scalars: (0..<count).map { _ in Float(generator.nextDouble(in: -limit, limit)) })
        default:
            let deviation = variance.squareRoot()
            return Tensor(shape: shape, scalars: (0..<count).map { _ in Float(generator.nextGaussian() * deviation) })
        }
    }
}

/// Random orthogonal matrices by Gram-Schmidt on Gaussian vectors, in Double.
enum Orthogonal {
    /// A `rows × columns` matrix whose rows (when rows ≤ columns) or columns are orthonormal.
    static func matrix(rows: Int, columns: Int, generator: inout SeededGenerator) -> Tensor {
        let (count, length) = rows <= columns ? (rows, columns) : (columns, rows)
        var basis: [[Double]] = []
        while basis.count < count {
            var v = (0..<length).map { _ in generator.nextGaussian() }
            for _ in 0..<2 {  // twice, for numerical orthogonality
                for b in basis {
                    let dot = zip(v, b).reduce(0) { $0 + $1.0 * $1.1 }
                    for i in 0..<length { v[i] -= dot * b[i] }
                }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 1e-6 else { continue }  // a (vanishingly rare) dependent draw: draw again
            basis.append(v.map { $0 / norm })
        }
        var scalars = [Float](repeating: 0, count: rows * columns)
        for (k, vector) in basis.enumerated() {
            for i in 0..<length {
                if rows <= columns { scalars[k * columns + i] = Float(vector[i]) } else { scalars[i * columns + k] = Float(vector[i]) }
            }
        }
        return Tensor(shape: [rows, columns], scalars: scalars)
    }
}
