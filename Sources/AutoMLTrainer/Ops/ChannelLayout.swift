/// Moves between the batch-major layout of activations `[B, C, P]` and the channel-major
/// layout `[C, B·P]` that convolution's matrix products produce and consume, plus the
/// per-channel sums and bias broadcasts that go with them.
enum ChannelLayout {
    /// `[C, B, P]` → `[B, C, P]`, reshaped to `shape`, plus `bias[c]` on channel c.
    static func toBatchMajor(_ t: Tensor, batch: Int, channels: Int, positions: Int, shape: [Int], bias: Tensor?) -> Tensor {
        guard let bias else { return permute(t, outer: channels, middle: batch, positions: positions, shape: shape) }
        return t.withPointer { source in
            bias.withPointer { pb in
                Tensor(shape: shape) { out in
                    for c in 0..<channels {
                        let value = pb[c]
                        for b in 0..<batch {
                            let from = source + (c * batch + b) * positions, to = out + (b * channels + c) * positions
                            for p in 0..<positions { to[p] = from[p] + value }
                        }
                    }
                }
            }
        }
    }

    /// `[B, C, P]` → `[C, B·P]`.
    static func toChannelMajor(_ t: Tensor, batch: Int, channels: Int, positions: Int) -> Tensor {
        permute(t, outer: batch, middle: channels, positions: positions, shape: [channels, batch * positions])
    }

    /// Swaps the two outer axes of `[outer, middle, positions]`.
    private static func permute(_ t: Tensor, outer: Int, middle: Int, positions: Int, shape: [Int]) -> Tensor {
        t.scalars.withUnsafeBufferPointer { source in
            Tensor(shape: shape) { out in
                guard let source = source.baseAddress else { return }
                for i in 0..<outer {
                    for j in 0..<middle {
                        (out + (j * outer + i) * positions).update(from: source + (i * middle + j) * positions, count: positions)
                    }
                }
            }
        }
    }

    /// Per-channel sums of a channel-major `[C, N]` tensor.
    static func channelSums(_ t: Tensor, channels: Int) -> Tensor {
        let n = t.count / Swift.max(channels, 1)
        return t.withPointer { source in
            Tensor(shape: [channels]) { out in
                for c in 0..<channels { out[c] = SIMDSum.sum(source + c * n, n) }
            }
        }
    }
}
