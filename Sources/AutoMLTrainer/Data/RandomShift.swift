import AutoMLNumerics

/// The `randomShift` augmentation: training samples rolled circularly along the last axis of
/// their input shape, so that a network sees each signal at several positions.
public enum RandomShift {
    /// One offset per sample, uniform in `−maxShift ... maxShift`.
    public static func offsets(count: Int, maxShift: Int, generator: inout SeededGenerator) -> [Int] {
        (0..<count).map { _ in generator.nextInt(below: 2 * maxShift + 1) - maxShift }
    }

    /// `batch` (`[B, features]`) with every run of `length` consecutive features of row `k`
    /// (one channel's signal, or one image row) rolled right by `offsets[k]` (left when
    /// negative): value `i` moves to `(i + offset) mod length`.
    public static func rolled(_ batch: Tensor, length: Int, offsets: [Int]) -> Tensor {
        let rows = batch.shape[0], width = batch.count / max(rows, 1)
        precondition(offsets.count == rows && length >= 1 && width % length == 0, "rolling \(batch.shape) by runs of \(length)")
        return batch.withPointer { source in
            Tensor(shape: batch.shape) { out in
                for row in 0..<rows {
                    let shift = ((offsets[row] % length) + length) % length
                    for start in stride(from: row * width, to: (row + 1) * width, by: length) {
                        let head = length - shift
                        // source[start ..< start + head] goes to out[start + shift ...], the tail wraps to the front.
                        (out + start + shift).update(from: source + start, count: head)
                        (out + start).update(from: source + start + head, count: shift)
                    }
                }
            }
        }
    }
}
