import AutoMLNumerics
import AutoMLTrainer
import Testing

@Suite struct WeightInitializationTests {
    @Test(arguments: WeightInitialization.allCases)
    func eachSchemeDrawsWithItsVariance(_ scheme: WeightInitialization) {
        var generator = SeededGenerator(seed: 1)
        let shape = [64, 16, 3]  // fan-in 48, fan-out 192
        let w = scheme.weight(shape: shape, generator: &generator)
        #expect(w.shape == shape)
        let variance = w.scalars.reduce(0) { $0 + Double($1) * Double($1) } / Double(w.count)
        let expected: Double = switch scheme {
        case .glorotUniform, .glorotNormal: 2.0 / (48 + 192)
        case .heUniform, .heNormal: 2.0 / 48
        case .lecunUniform, .lecunNormal: 1.0 / 48
        case .fanInUniform: 1.0 / (3 * 48)
        case .orthogonal: 1.0 / 48  // 64 orthonormal rows of length 48... see the orthogonality test
        }
        if scheme != .orthogonal { #expect(abs(variance / expected - 1) < 0.1, "\(variance) vs \(expected)") }
        if scheme.rawValue.hasSuffix("uniform") {
            let limit = Float((3 * expected).squareRoot())
            #expect(w.scalars.allSatisfy { abs($0) <= limit })
        }
    }

    @Test(arguments: [(4, 9), (9, 4)])
    func orthogonalWeightsHaveOrthonormalRowsOrColumns(_ size: (rows: Int, columns: Int)) {
        var generator = SeededGenerator(seed: 2)
        let w = WeightInitialization.orthogonal.weight(shape: [size.rows, size.columns], generator: &generator)
        let (count, wide) = (min(size.rows, size.columns), size.rows <= size.columns)
        for i in 0..<count {
            for j in 0..<count {
                var dot: Float = 0
                for k in 0..<max(size.rows, size.columns) {
                    dot += wide ? w[i, k] * w[j, k] : w[k, i] * w[k, j]
                }
                #expect(abs(dot - (i == j ? 1 : 0)) < 1e-5)
            }
        }
    }

    @Test func xavierAndKaimingSpellingsAreAccepted() {
        #expect(WeightInitialization(name: "xavier_uniform") == .glorotUniform)
        #expect(WeightInitialization(name: "kaiming_normal") == .heNormal)
        #expect(WeightInitialization(name: "orthogonal") == .orthogonal)
        #expect(WeightInitialization(name: "zeros") == nil)
    }
}
