/// The passes of batch normalization over `[B, C, P]` (see `BatchNorm.swift` for the formulas):
/// forward, one pass for the moments (training) and one for the output; backward, one pass for
/// `Σ dy` and `Σ dy·x` and one for `dx`. x̂ is recomputed from x, never stored.
struct BatchNormKernels {
    let batch: Int, channels: Int, positions: Int
    var mean: [Float]
    /// s = 1/√(σ² + ε) per channel.
    var inverseDeviation: [Float]
    var gamma: [Float]
    var beta: [Float]

    init(shape: [Int]) {
        batch = shape[0]
        channels = shape[1]
        positions = Shape.count(shape) / Swift.max(batch * channels, 1)
        mean = Array(repeating: 0, count: channels)
        inverseDeviation = Array(repeating: 1, count: channels)
        gamma = Array(repeating: 1, count: channels)
        beta = Array(repeating: 0, count: channels)
    }

    var count: Int { batch * positions }

    /// The batch's mean and variance (shifted one-pass sums, accumulated in Double), moving the
    /// running statistics towards them.
    mutating func useBatchStatistics(of x: Tensor, epsilon: Float, momentum: Float, running: inout BatchNormStatistics) {
        var runningMean = running.mean.scalars, runningVariance = running.variance.scalars
        let n = count
        x.withPointer { px in
            for c in 0..<channels {
                let shift = px[c * positions]
                var total = 0.0, squares = 0.0
                for b in 0..<batch {
                    let moments = SIMDSum.shiftedMoments(px + (b * channels + c) * positions, positions, shift: shift)
                    total += Double(moments.sum)
                    squares += Double(moments.squares)
                }
                let centred = total / Double(n)
                let variance = Swift.max(squares / Double(n) - centred * centred, 0)
                mean[c] = Float(Double(shift) + centred)
                inverseDeviation[c] = Float(1 / (variance + Double(epsilon)).squareRoot())
                let unbiased = n > 1 ? variance * Double(n) / Double(n - 1) : variance
                runningMean[c] += momentum * (mean[c] - runningMean[c])
                runningVariance[c] += momentum * (Float(unbiased) - runningVariance[c])
            }
        }
        running = BatchNormStatistics(mean: Tensor(shape: [channels], scalars: runningMean),
                                      variance: Tensor(shape: [channels], scalars: runningVariance))
    }

    mutating func useRunningStatistics(_ running: BatchNormStatistics, epsilon: Float) {
        for c in 0..<channels {
            mean[c] = running.mean.scalars[c]
            inverseDeviation[c] = 1 / (running.variance.scalars[c] + epsilon).squareRoot()
        }
    }

    /// y = x·(γs) + (β − μ·γs).
    func output(_ x: Tensor) -> Tensor {
        x.withPointer { px in
            Tensor(shape: x.shape) { out in
                for b in 0..<batch {
                    for c in 0..<channels {
                        let base = (b * channels + c) * positions, factor = gamma[c] * inverseDeviation[c]
                        SIMDKernels.scaleShift(px + base, factor, beta[c] - mean[c] * factor, into: out + base, positions)
                    }
                }
            }
        }
    }

    /// Per channel `Σ dy` (β's gradient) and `Σ dy·x̂` (γ's).
    func gradientSums(_ dy: Tensor, x: Tensor) -> (sumDy: [Float], sumDyXhat: [Float]) {
        var sumDy = [Float](repeating: 0, count: channels), sumDyX = sumDy
        dy.withPointer { pdy in
            x.withPointer { px in
                for b in 0..<batch {
                    for c in 0..<channels {
                        let base = (b * channels + c) * positions
                        let sums = SIMDSum.sumAndDot(pdy + base, px + base, positions)
                        sumDy[c] += sums.sum
                        sumDyX[c] += sums.dot
                    }
                }
            }
        }
        // Σ dy·x̂ = s·(Σ dy·x − μ·Σ dy)
        return (sumDy, (0..<channels).map { inverseDeviation[$0] * (sumDyX[$0] - mean[$0] * sumDy[$0]) })
    }

    /// dx = dy·f + x̂·(−f·m₂) − f·m₁ with f = γs, m₁ = Σdy/N, m₂ = Σdy·x̂/N (0 in evaluation
    /// mode, where the statistics are constants); with x̂ = (x − μ)·s this is dy·f + x·a + b.
    func inputGradient(_ dy: Tensor, x: Tensor, sumDy: [Float], sumDyXhat: [Float], training: Bool) -> Tensor {
        let n = Float(count)
        return dy.withPointer { pdy in
            x.withPointer { px in
                Tensor(shape: x.shape) { out in
                    for c in 0..<channels {
                        let s = inverseDeviation[c], f = gamma[c] * s
                        let m1 = training ? sumDy[c] / n : 0, m2 = training ? sumDyXhat[c] / n : 0
                        let a = -f * m2 * s, b = -f * m1 + f * m2 * s * mean[c]
                        for sample in 0..<batch {
                            let base = (sample * channels + c) * positions
                            SIMDKernels.combine(pdy + base, f, px + base, a, b, into: out + base, positions)
                        }
                    }
                }
            }
        }
    }
}
