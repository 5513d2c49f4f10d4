/// Per-feature standardization `(x − mean) / deviation`, fitted on training rows only so that
/// nothing about validation or test rows leaks into training. A constant feature keeps
/// deviation 1 (it becomes 0 everywhere on the training rows).
public struct Standardizer: Sendable, Equatable {
    public let mean: [Float]
    public let deviation: [Float]

    /// Fits the mean and (population) deviation of each column of `features` (`[rows, d]`).
    public init(fitting features: Tensor) {
        let rows = features.shape[0], width = features.shape[1]
        var sum = [Double](repeating: 0, count: width), squares = sum
        features.withPointer { x in
            for r in 0..<rows {
                for c in 0..<width { sum[c] += Double(x[r * width + c]) }
            }
            for c in 0..<width { sum[c] /= Double(max(rows, 1)) }
            for r in 0..<rows {
                for c in 0..<width { let d = Double(x[r * width + c]) - sum[c]; squares[c] += d * d }
            }
        }
        mean = sum.map { Float($0) }
        deviation = squares.map { total in
            let deviation = (total / Double(max(rows, 1))).squareRoot()
            return deviation > 1e-12 ? Float(deviation) : 1
        }
    }

    /// The standardized copy of `features` (`[rows, d]` with the fitted d).
    public func apply(_ features: Tensor) -> Tensor {
        let width = mean.count
        let inverse = deviation.map { 1 / $0 }
        return features.withPointer { x in
            Tensor(shape: features.shape) { y in
                for r in 0..<features.shape[0] {
                    for c in 0..<width { y[r * width + c] = (x[r * width + c] - mean[c]) * inverse[c] }
                }
            }
        }
    }

    public func apply(_ dataset: Dataset) -> Dataset {
        var copy = dataset
        copy.features = apply(dataset.features)
        return copy
    }
}
