/// Walks the elements of a broadcast: an output shape and two operands whose strides are 0
/// along the axes they stretch over.
///
/// Adjacent axes that are laid out contiguously for both operands are merged first, so a bias
/// added to a `[batch, features]` matrix runs as `batch` inner runs of `features` elements, and
/// same-shape operands as one run. The body receives each inner run: the offsets where it
/// starts in the output and in each operand, its length, and the operands' inner strides
/// (0 or 1 after merging, or larger for exotic layouts).
struct BroadcastLoop {
    private var extents: [Int] = []
    private var stridesA: [Int] = []
    private var stridesB: [Int] = []

    init(output: [Int], a: [Int], b: [Int]) {
        let sa = Shape.broadcastStrides(a, to: output)
        let sb = Shape.broadcastStrides(b, to: output)
        for axis in output.indices where output[axis] != 1 {
            if let last = extents.indices.last,
               stridesA[last] == sa[axis] * output[axis], stridesB[last] == sb[axis] * output[axis] {
                extents[last] *= output[axis]
                stridesA[last] = sa[axis]
                stridesB[last] = sb[axis]
            } else {
                extents.append(output[axis])
                stridesA.append(sa[axis])
                stridesB.append(sb[axis])
            }
        }
    }

    /// Calls `body(outputOffset, aOffset, bOffset, runLength, aStride, bStride)` for each run,
    /// in row-major output order.
    func forEachRun(_ body: (Int, Int, Int, Int, Int, Int) -> Void) {
        guard let inner = extents.last else {
            body(0, 0, 0, 1, 0, 0)
            return
        }
        let outer = extents.count - 1
        let innerA = stridesA[outer], innerB = stridesB[outer]
        var index = [Int](repeating: 0, count: outer)
        var offsetA = 0, offsetB = 0, offsetOut = 0
        while true {
            body(offsetOut, offsetA, offsetB, inner, innerA, innerB)
            offsetOut += inner
            var axis = outer - 1
            while axis >= 0 {
                index[axis] += 1
                offsetA += stridesA[axis]
                offsetB += stridesB[axis]
                if index[axis] < extents[axis] { break }
                offsetA -= stridesA[axis] * extents[axis]
                offsetB -= stridesB[axis] * extents[axis]
                index[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }
}
