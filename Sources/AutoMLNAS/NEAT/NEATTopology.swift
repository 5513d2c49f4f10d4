/// Orders a genome's nodes so that every connection goes forward.
enum NEATTopology {
    /// Node indices (into `genome.nodes`) in an order where every connection gene's source comes
    /// before its target, or nil when the connections contain a cycle. Kahn's algorithm, always
    /// taking the lowest ready index, so the order is a function of the genome alone.
    static func order(_ genome: NEATGenome, enabledOnly: Bool = false) -> [Int]? {
        let n = genome.nodes.count
        var incoming = [Int](repeating: 0, count: n)
        var outgoing = [[Int]](repeating: [], count: n)
        for connection in genome.connections where !enabledOnly || connection.enabled {
            guard let from = genome.nodeIndex(connection.from), let to = genome.nodeIndex(connection.to) else { continue }
            outgoing[from].append(to)
            incoming[to] += 1
        }
        var ready = (0..<n).filter { incoming[$0] == 0 }.reversed() as [Int]
        var order: [Int] = []
        order.reserveCapacity(n)
        while let next = ready.popLast() {
            order.append(next)
            for target in outgoing[next] {
                incoming[target] -= 1
                if incoming[target] == 0 {
                    let position = ready.firstIndex { $0 < target } ?? ready.count
                    ready.insert(target, at: position)
                }
            }
        }
        return order.count == n ? order : nil
    }

    /// The id of some node on a cycle of connection genes, or nil when there is none.
    static func nodeOnCycle(_ genome: NEATGenome) -> Int? {
        guard order(genome) == nil else { return nil }
        // Peel nodes that nothing remaining feeds or that feed nothing remaining: what is left
        // lies on cycles (or between two of them).
        var remaining = Set(genome.nodes.map(\.id))
        var changed = true
        while changed {
            changed = false
            for node in genome.nodes where remaining.contains(node.id) {
                let fed = genome.connections.contains { $0.to == node.id && remaining.contains($0.from) }
                let feeds = genome.connections.contains { $0.from == node.id && remaining.contains($0.to) }
                if !fed || !feeds {
                    remaining.remove(node.id)
                    changed = true
                }
            }
        }
        return genome.nodes.first { remaining.contains($0.id) }?.id
    }
}
