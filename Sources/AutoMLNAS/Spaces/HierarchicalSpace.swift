import AutoMLJSON
import AutoMLNumerics
import AutoMLTrainer

/// The hierarchical space of Liu et al. (2018): primitives (level 1) are assembled into small
/// DAGs, the motifs of level 2, which in turn label the edges of the level-3 motif, the cell.
///
/// ```json
/// {"kind": "hierarchical", "dimensions": 1, "motifs": 4, "nodes": [4, 4], "channels": 16,
///  "cells": 1, "reductions": 2}
/// ```
///
/// Decisions, in order: for each level-2 motif `m` and each edge `i → j` of its `G₂` nodes
/// (ordered `(0,1), (0,2), (1,2), (0,3), ...`), the edge's choice (0 = none, `1 + p` =
/// primitive `p`); then for each edge of the cell's `G₃` nodes, 0 = none, 1 = identity,
/// `2 + m` = motif `m`. The genotype lists the edges that are present:
/// `{"motifs": [[[0, 1, "sepconv3"], ...], ...], "cell": [[0, 1, "motif2"], ...]}`.
///
/// The trivial genotype (`trivialDecisions`: every motif a chain of identities) is where the
/// paper's evolution starts; the mutation (`mutate`) is the paper's: a level, a motif of that
/// level, an edge, and a new, different operation for it.
///
/// References: Liu, Simonyan, Vinyals, Fernando & Kavukcuoglu, "Hierarchical Representations
/// for Efficient Architecture Search", ICLR 2018.
public struct HierarchicalSpace: ArchitectureSpace {
    public struct Options: Decodable, Sendable {
        public var kind: String?
        /// 1 or 2; default 1.
        public var dimensions: Int?
        /// Default `[1, 40]` (1-D) or `[1, 8, 8]` (2-D).
        public var inputShape: [Int]?
        /// Default 10.
        public var classes: Int?
        /// Level-1 primitive names (`MotifPrimitive`, must include `identity`); default all six.
        public var primitives: [String]?
        /// Level-2 motifs, 1 to 16; default 4 (the paper: 6).
        public var motifs: Int?
        /// Nodes of a level-2 motif and of the cell, each 2 to 8; default `[4, 4]` (the paper: `[4, 5]`).
        public var nodes: [Int]?
        /// Channels of the first stage, doubled by each reduction, 1 to 512; default 16.
        public var channels: Int?
        /// Cells per stage, 1 to 8; default 1.
        public var cells: Int?
        /// Stride-2 separable convolutions between stages, 0 to 2; default 2.
        public var reductions: Int?

        public init() {}
    }

    public let kind = "hierarchical"
    public let dimensions: Int
    public let inputShape: [Int]
    public let classes: Int
    public let primitives: [MotifPrimitive]
    public let motifs: Int
    /// `[G₂, G₃]`.
    public let nodes: [Int]
    public let channels: Int
    public let cells: Int
    public let reductions: Int
    public let choices: [Int]
    public let decisionNames: [String]

    /// Edges of one level-2 motif, and of the cell.
    var motifEdges: Int { nodes[0] * (nodes[0] - 1) / 2 }
    var cellEdges: Int { nodes[1] * (nodes[1] - 1) / 2 }

    public init() {
        self.init(dimensions: 1, inputShape: [1, 40], classes: 10, primitives: MotifPrimitive.allCases, motifs: 4,
                  nodes: [4, 4], channels: 16, cells: 1, reductions: 2)
    }

    /// Decodes a space from `{"kind": "hierarchical", ...}`.
    /// - Throws: `JSONFieldError` at `<path>.<field>` for an unknown field or a bad value.
    public init(json: JSON, path: String) throws(JSONFieldError) {
        let options = try SpaceFields.decode(Options.self, from: json, path: path)
        if let kind = options.kind, kind != "hierarchical" {
            throw JSONFieldError(path: JSONPath.member(path, "kind"), reason: "expected \"hierarchical\"")
        }
        let dimensions = try SpaceFields.int(options.dimensions, default: 1, in: 1...2, path: path, "dimensions")
        let primitives = try SpaceFields.names(options.primitives, default: MotifPrimitive.allCases, path: path, "primitives")
        guard primitives.contains(.identity) else {
            throw JSONFieldError(path: JSONPath.member(path, "primitives"), reason: "must include \"identity\" (the trivial genotype is made of it)")
        }
        let nodes = options.nodes ?? [4, 4]
        guard nodes.count == 2, nodes.allSatisfy({ (2...8).contains($0) }) else {
            throw JSONFieldError(path: JSONPath.member(path, "nodes"), reason: "expected [level-2 nodes, cell nodes], each from 2 to 8")
        }
        try self.init(
            dimensions: dimensions,
            inputShape: SpaceFields.inputShape(options.inputShape, dimensions: dimensions,
                                               default: dimensions == 1 ? [1, 40] : [1, 8, 8], path: path),
            classes: SpaceFields.int(options.classes, default: 10, in: 2...100_000, path: path, "classes"),
            primitives: primitives,
            motifs: SpaceFields.int(options.motifs, default: 4, in: 1...16, path: path, "motifs"),
            nodes: nodes,
            channels: SpaceFields.int(options.channels, default: 16, in: 1...512, path: path, "channels"),
            cells: SpaceFields.int(options.cells, default: 1, in: 1...8, path: path, "cells"),
            reductions: SpaceFields.int(options.reductions, default: 2, in: 0...2, path: path, "reductions"))
    }

    private init(dimensions: Int, inputShape: [Int], classes: Int, primitives: [MotifPrimitive], motifs: Int,
                 nodes: [Int], channels: Int, cells: Int, reductions: Int) {
        self.dimensions = dimensions
        self.inputShape = inputShape
        self.classes = classes
        self.primitives = primitives
        self.motifs = motifs
        self.nodes = nodes
        self.channels = channels
        self.cells = cells
        self.reductions = reductions
        var choices: [Int] = [], names: [String] = []
        for m in 0..<motifs {
            for pair in MotifGraph.pairs(nodes: nodes[0]) {
                choices.append(1 + primitives.count)
                names.append("motif\(m).edge\(pair.from)-\(pair.to)")
            }
        }
        for pair in MotifGraph.pairs(nodes: nodes[1]) {
            choices.append(2 + motifs)
            names.append("cell.edge\(pair.from)-\(pair.to)")
        }
        self.choices = choices
        decisionNames = names
    }

    public var json: JSON {
        [
            "kind": .string(kind), "dimensions": .int(Int64(dimensions)), "inputShape": SpaceFields.json(inputShape),
            "classes": .int(Int64(classes)), "primitives": SpaceFields.json(primitives), "motifs": .int(Int64(motifs)),
            "nodes": SpaceFields.json(nodes), "channels": .int(Int64(channels)), "cells": .int(Int64(cells)),
            "reductions": .int(Int64(reductions)),
        ]
    }

    // MARK: - Levels

    /// The decision index of edge `edge` of level-2 motif `motif`, or of the cell when `motif` is nil.
    public func decisionIndex(motif: Int?, edge: Int) -> Int {
        guard let motif else { return motifs * motifEdges + edge }
        return motif * motifEdges + edge
    }

    /// Every motif a chain of identities (`0 → 1 → ... → G-1`), every other edge absent: the
    /// paper's trivial genotype.
    public var trivialDecisions: [Int] {
        let identity = 1 + (primitives.firstIndex(of: .identity) ?? 0)
        var decisions: [Int] = []
        for _ in 0..<motifs {
            decisions += MotifGraph.pairs(nodes: nodes[0]).map { $0.to == $0.from + 1 ? identity : 0 }
        }
        decisions += MotifGraph.pairs(nodes: nodes[1]).map { $0.to == $0.from + 1 ? 1 : 0 }
        return decisions
    }

    /// The paper's mutation: a level (2 or 3) uniformly, a motif of that level uniformly, one
    /// of its edges uniformly, and a different choice for that edge uniformly (none included).
    public func mutate(_ decisions: [Int], using rng: inout SeededGenerator) -> [Int] {
        guard isValid(decisions) else { return decisions }
        let motif: Int? = rng.nextInt(below: 2) == 0 ? rng.nextInt(below: motifs) : nil
        let index = decisionIndex(motif: motif, edge: rng.nextInt(below: motif == nil ? cellEdges : motifEdges))
        var child = decisions
        child[index] = DecisionMutation.differentValue(from: decisions[index], choices: choices[index], using: &rng)
        return child
    }

    /// The clamped choice of decision `index`.
    func choice(_ decisions: [Int], _ index: Int) -> Int {
        min(max(index < decisions.count ? decisions[index] : 0, 0), choices[index] - 1)
    }
}
