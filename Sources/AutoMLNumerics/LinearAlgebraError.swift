/// Why a linear-algebra routine could not produce its result.
public enum LinearAlgebraError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The matrix stayed indefinite (or not finite) even with the largest jitter tried.
    case notPositiveDefinite(dimension: Int, largestJitter: Double)

    public var description: String {
        switch self {
        case .notPositiveDefinite(let dimension, let jitter):
            return "the \(dimension) × \(dimension) matrix is not positive definite, even with \(jitter) added to its diagonal"
        }
    }
}
