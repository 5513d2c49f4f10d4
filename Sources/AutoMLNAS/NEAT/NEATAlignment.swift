/// Two genomes' connection genes lined up by innovation number (the paper's figure 4).
///
/// Genes with the same innovation in both are *matching*; the others are *disjoint* when their
/// innovation lies within the other genome's range and *excess* when it lies beyond the other
/// genome's largest innovation.
public struct NEATAlignment: Sendable, Hashable {
    /// Innovation numbers present in both genomes.
    public var matching: [Int] = []
    public var disjoint: [Int] = []
    public var excess: [Int] = []
    /// Σ |w_a − w_b| over matching genes (disabled ones included).
    public var weightDifference = 0.0

    /// Aligns the connection genes of `a` and `b` (both sorted by innovation) in one merge pass.
    public init(_ a: NEATGenome, _ b: NEATGenome) {
        let x = a.connections, y = b.connections
        let maxA = x.last?.innovation ?? -1, maxB = y.last?.innovation ?? -1
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i].innovation == y[j].innovation {
                matching.append(x[i].innovation)
                weightDifference += abs(x[i].weight - y[j].weight)
                i += 1
                j += 1
            } else if j >= y.count || (i < x.count && x[i].innovation < y[j].innovation) {
                let innovation = x[i].innovation
                if innovation > maxB { excess.append(innovation) } else { disjoint.append(innovation) }
                i += 1
            } else {
                let innovation = y[j].innovation
                if innovation > maxA { excess.append(innovation) } else { disjoint.append(innovation) }
                j += 1
            }
        }
    }

    /// The mean weight difference of matching genes, W̄ (0 without matching genes).
    public var meanWeightDifference: Double {
        matching.isEmpty ? 0 : weightDifference / Double(matching.count)
    }
}

extension NEATSettings {
    /// The compatibility distance δ = c1·E/N + c2·D/N + c3·W̄, with N the gene count of the
    /// larger genome, or 1 when both have fewer than `normalizeAbove` genes.
    public func distance(_ a: NEATGenome, _ b: NEATGenome) -> Double {
        let alignment = NEATAlignment(a, b)
        let larger = max(a.connections.count, b.connections.count)
        let n = larger < normalizeAbove ? 1.0 : Double(larger)
        return excessCoefficient * Double(alignment.excess.count) / n
            + disjointCoefficient * Double(alignment.disjoint.count) / n
            + weightCoefficient * alignment.meanWeightDifference
    }
}
