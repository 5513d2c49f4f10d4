/// Hands out innovation numbers and node ids so that the same structural mutation made twice
/// in one generation gets the same numbers (Stanley & Miikkulainen 2002, section 3.2).
///
/// Within a generation, a new connection `from → to` gets one innovation number however many
/// genomes add it, and splitting the connection with innovation `k` gives every genome that
/// does so the same new node and the same two connection innovations. `startGeneration()`
/// forgets these (the paper keeps the list per generation); counters only grow.
public struct NEATInnovationTracker: Sendable, Hashable {
    /// What splitting one connection created.
    public struct Split: Sendable, Hashable {
        public var node: Int
        /// `from → node`.
        public var incoming: Int
        /// `node → to`.
        public var outgoing: Int
    }

    public private(set) var nextInnovation: Int
    public private(set) var nextNode: Int
    private var connections: [Pair: Int] = [:]
    private var splits: [Int: Split] = [:]

    private struct Pair: Hashable, Sendable {
        var from: Int
        var to: Int
    }

    /// A tracker whose first new innovation and node id are the given ones (after the minimal
    /// genome's `(inputs + 1) · outputs` connections and `inputs + 1 + outputs` nodes).
    public init(nextInnovation: Int, nextNode: Int) {
        self.nextInnovation = nextInnovation
        self.nextNode = nextNode
    }

    /// The tracker for populations that start from `NEATGenome.minimal(inputs:outputs:...)`.
    public init(inputs: Int, outputs: Int) {
        self.init(nextInnovation: (inputs + 1) * outputs, nextNode: inputs + 1 + outputs)
    }

    /// The innovation number of a new connection `from → to` in this generation.
    public mutating func connection(from: Int, to: Int) -> Int {
        let pair = Pair(from: from, to: to)
        if let known = connections[pair] { return known }
        let innovation = nextInnovation
        nextInnovation += 1
        connections[pair] = innovation
        return innovation
    }

    /// The node and connections that splitting connection `innovation` creates in this generation.
    public mutating func split(_ innovation: Int) -> Split {
        if let known = splits[innovation] { return known }
        let split = Split(node: nextNode, incoming: nextInnovation, outgoing: nextInnovation + 1)
        nextNode += 1
        nextInnovation += 2
        splits[innovation] = split
        return split
    }

    /// Forgets this generation's mutations; numbers handed out later are new.
    public mutating func startGeneration() {
        connections.removeAll()
        splits.removeAll()
    }
}
