#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ParzenEstimator {
    /// Log-sum-exp terms more than this far below the largest are skipped: each contributes less
    /// than `e^-60 ≈ 9e-27` of the sum, below double precision for any realistic kernel count.
    static let negligibleLogTerm = -60.0

    /// The log density (log probability on discrete and categorical dimensions, density on
    /// continuous ones) of each of `count` candidates, given candidate-major (`count × B`).
    ///
    /// Per candidate: start from the kernels' constant terms `base`, subtract each continuous
    /// dimension's `((x - μ) / σ)² / 2` in tight loops over the kernels (four candidates per pass,
    /// so each kernel's mean and deviation are loaded once for four), add each discrete
    /// dimension's log cell mass (computed once per distinct kernel pair), add each categorical
    /// dimension's log probability, then take the log-sum-exp over kernels. The work buffers are
    /// allocated once per call, never per candidate.
    func logDensity(of candidates: [Double], count: Int) -> [Double] {
        let b = dimensions.count
        let k = kernelCount
        var result = [Double](repeating: 0, count: count)
        var accumulator = [Double](repeating: 0, count: Self.candidatesPerPass * k)
        let largestPairs = cells.map { $0.pairMeans.count }.max() ?? 0
        var pairMass = [Double](repeating: 0, count: largestPairs)
        accumulator.withUnsafeMutableBufferPointer { acc in
            base.withUnsafeBufferPointer { baseTerms in
                var start = 0
                while start < count {
                    let size = min(Self.candidatesPerPass, count - start)
                    for i in 0..<size {
                        _ = UnsafeMutableBufferPointer(rebasing: acc[(i * k)..<(i * k + k)]).update(fromContentsOf: baseTerms)
                    }
                    addContinuous(candidates: candidates, first: start, size: size, into: acc)
                    for i in 0..<size {
                        let row = UnsafeMutableBufferPointer(rebasing: acc[(i * k)..<(i * k + k)])
                        let offset = (start + i) * b
                        for cell in cells {
                            addCells(cell, x: candidates[offset + cell.position], pairMass: &pairMass, into: row)
                        }
                        for category in categories {
                            addCategory(category, x: candidates[offset + category.position], into: row)
                        }
                        result[start + i] = Self.logSumExp(UnsafeBufferPointer(row))
                    }
                    start += size
                }
            }
        }
        return result
    }

    /// Candidates evaluated together in the continuous loops.
    static let candidatesPerPass = 4

    /// Subtracts `((x - μ) / σ)² / 2` for every continuous dimension from the rows of `size`
    /// candidates starting at `first` (row `i` of `acc` is candidate `first + i`).
    private func addContinuous(candidates: [Double], first: Int, size: Int, into acc: UnsafeMutableBufferPointer<Double>) {
        let k = kernelCount
        let b = dimensions.count
        guard let base = acc.baseAddress else { return }
        means.withUnsafeBufferPointer { mu in
            scaledInverseDeviations.withUnsafeBufferPointer { inverse in
                guard let mu = mu.baseAddress, let inverse = inverse.baseAddress else { return }
                for (c, position) in continuousPositions.enumerated() {
                    let rowMu = mu + c * k
                    let rowInverse = inverse + c * k
                    if size == 4 {
                        let x0 = candidates[first * b + position], x1 = candidates[(first + 1) * b + position]
                        let x2 = candidates[(first + 2) * b + position], x3 = candidates[(first + 3) * b + position]
                        let a0 = base, a1 = base + k, a2 = base + 2 * k, a3 = base + 3 * k
                        for j in 0..<k {
                            let mean = rowMu[j], scale = rowInverse[j]
                            let z0 = (x0 - mean) * scale, z1 = (x1 - mean) * scale
                            let z2 = (x2 - mean) * scale, z3 = (x3 - mean) * scale
                            a0[j] -= z0 * z0
                            a1[j] -= z1 * z1
                            a2[j] -= z2 * z2
                            a3[j] -= z3 * z3
                        }
                    } else {
                        for i in 0..<size {
                            let x = candidates[(first + i) * b + position]
                            let row = base + i * k
                            for j in 0..<k {
                                let z = (x - rowMu[j]) * rowInverse[j]
                                row[j] -= z * z
                            }
                        }
                    }
                }
            }
        }
    }

    private func addCells(_ cell: CellKernels, x: Double, pairMass: inout [Double], into acc: UnsafeMutableBufferPointer<Double>) {
        guard let (lo, hi) = cell.dimension.cell(of: x) else { return }
        for p in cell.pairMeans.indices {
            let mean = cell.pairMeans[p], sd = cell.pairDeviations[p]
            pairMass[p] = TruncatedNormal.logMass(from: (lo - mean) / sd, to: (hi - mean) / sd)
        }
        pairMass.withUnsafeBufferPointer { mass in
            cell.pairOf.withUnsafeBufferPointer { pairOf in
                for j in 0..<kernelCount { acc[j] += mass[Int(pairOf[j])] }
            }
        }
    }

    private func addCategory(_ category: CategoryKernels, x: Double, into acc: UnsafeMutableBufferPointer<Double>) {
        let choice = Int32(TPEDimension.cellIndex(x, count: category.choices))
        let hit = category.logHit, miss = category.logMiss, uniform = category.logUniform
        category.observed.withUnsafeBufferPointer { observed in
            for j in 0..<kernelCount {
                let o = observed[j]
                acc[j] += o == choice ? hit : (o < 0 ? uniform : miss)
            }
        }
    }

    /// `log Σ exp(v_j)`, skipping terms below `negligibleLogTerm` relative to the largest;
    /// `-inf` when every term is `-inf`, NaN terms ignored. Four terms at a time: SIMD maximum,
    /// SIMD skip test, and `VectorExp` for groups holding a term that counts.
    static func logSumExp(_ values: UnsafeBufferPointer<Double>) -> Double {
        let n = values.count
        guard let start = values.baseAddress, n > 0 else { return -.infinity }
        let raw = UnsafeRawPointer(start)
        let stride = MemoryLayout<Double>.stride
        var largest4 = SIMD4<Double>(repeating: -.infinity)
        var j = 0
        while j + 4 <= n {
            let v = raw.loadUnaligned(fromByteOffset: j * stride, as: SIMD4<Double>.self)
            largest4.replace(with: v, where: largest4 .< v)
            j += 4
        }
        var largest = largest4.max()
        while j < n {
            if values[j] > largest { largest = values[j] }
            j += 1
        }
        guard largest > -.infinity else { return -.infinity }
        guard largest < .infinity else { return .infinity }
        let largestSplat = SIMD4<Double>(repeating: largest)
        let cutoff = SIMD4<Double>(repeating: negligibleLogTerm)
        var sum4 = SIMD4<Double>(repeating: 0)
        j = 0
        while j + 4 <= n {
            let d = raw.loadUnaligned(fromByteOffset: j * stride, as: SIMD4<Double>.self) - largestSplat
            let counts = d .> cutoff
            if any(counts) {
                var e = VectorExp.exp(d)
                e.replace(with: SIMD4(repeating: 0), where: .!counts)
                sum4 += e
            }
            j += 4
        }
        var tail = SIMD4<Double>(repeating: -.infinity)
        for i in 0..<(n - j) { tail[i] = values[j + i] }
        let d = tail - largestSplat
        let counts = d .> cutoff
        if any(counts) {
            var e = VectorExp.exp(d)
            e.replace(with: SIMD4(repeating: 0), where: .!counts)
            sum4 += e
        }
        return largest + log(sum4.sum())
    }
}
