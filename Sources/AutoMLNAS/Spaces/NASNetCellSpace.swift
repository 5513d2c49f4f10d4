import AutoMLJSON
import AutoMLTrainer

/// The NASNet search space (Zoph et al. 2018): one normal and one reduction cell, each a small
/// DAG of `blocks` blocks, stacked into a network.
///
/// ```json
/// {"kind": "nasnet", "dimensions": 1, "inputShape": [1, 40], "classes": 10, "blocks": 4,
///  "primitives": ["identity", "conv3", "sepconv3", "maxpool3"], "combiners": ["add", "concat"],
///  "channels": 8, "normalCells": 1, "reductions": 2}
/// ```
///
/// A cell reads two hidden states, the outputs of the two cells before it (`0` = h₋₂, `1` =
/// h₋₁). Block `b` picks two inputs among the `2 + b` states known so far (the two cell inputs
/// and the earlier blocks' outputs), one primitive for each, and a combiner; its output is a new
/// state. Five decisions per block, `[in0, op0, in1, op1, combine]`, normal cell first, then
/// the reduction cell (absent when `reductions` is 0); that vector is the canonical form and
/// every vector in range builds (see `model(_:)`). The genotype prints the same blocks with
/// names: `{"normal": [[0, "sepconv3", 1, "identity", "add"], ...], "reduction": [...]}`.
///
/// References: Zoph, Vasudevan, Shlens & Le, "Learning Transferable Architectures for Scalable
/// Image Recognition", CVPR 2018; Liu, Simonyan & Yang, "DARTS", ICLR 2019 (ReLU-conv-BN
/// ordering, input preprocessing).
public struct NASNetCellSpace: ArchitectureSpace {
    /// The options as a client writes them; absent fields take the defaults.
    public struct Options: Decodable, Sendable {
        public var kind: String?
        /// 1 (signals, `[C, L]`) or 2 (images, `[C, H, W]`); default 1.
        public var dimensions: Int?
        /// Per-sample input shape; default `[1, 40]` (MNIST-1D) or `[1, 8, 8]` (digits).
        public var inputShape: [Int]?
        /// Default 10.
        public var classes: Int?
        /// Blocks per cell, 1 to 8; default 4.
        public var blocks: Int?
        /// Primitive names (`CellPrimitive`); default `CellPrimitive.defaults`.
        public var primitives: [String]?
        /// Combiner names (`add`, `concat`); default both.
        public var combiners: [String]?
        /// Channels `C` of the first stage (doubled by each reduction), 1 to 512; default 8.
        public var channels: Int?
        /// Normal cells per stage, 1 to 8; default 1.
        public var normalCells: Int?
        /// Reduction cells (each starts a new stage), 0 to 2; default 2.
        public var reductions: Int?

        public init() {}
    }

    /// Which of the two searched cells.
    public enum CellKind: String, Sendable, CaseIterable {
        case normal, reduction
    }

    public let kind = "nasnet"
    public let dimensions: Int
    public let inputShape: [Int]
    public let classes: Int
    public let blocks: Int
    public let primitives: [CellPrimitive]
    public let combiners: [CellCombiner]
    public let channels: Int
    public let normalCells: Int
    public let reductions: Int
    public let choices: [Int]
    public let decisionNames: [String]

    /// The cells searched: normal, and reduction when the network has reductions.
    public var cellKinds: [CellKind] { reductions > 0 ? [.normal, .reduction] : [.normal] }

    /// The default space: 1-D cells for MNIST-1D (`[1, 40]`, 10 classes).
    public init() {
        self.init(dimensions: 1, inputShape: [1, 40], classes: 10, blocks: 4, primitives: CellPrimitive.defaults,
                  combiners: CellCombiner.allCases, channels: 8, normalCells: 1, reductions: 2)
    }

    /// Decodes a space from `{"kind": "nasnet", ...}`.
    /// - Throws: `JSONFieldError` at `<path>.<field>` for an unknown field or a bad value.
    public init(json: JSON, path: String) throws(JSONFieldError) {
        try self.init(options: SpaceFields.decode(Options.self, from: json, path: path), path: path)
    }

    public init(options: Options, path: String) throws(JSONFieldError) {
        if let kind = options.kind, kind != "nasnet" {
            throw JSONFieldError(path: JSONPath.member(path, "kind"), reason: "expected \"nasnet\"")
        }
        let dimensions = try SpaceFields.int(options.dimensions, default: 1, in: 1...2, path: path, "dimensions")
        try self.init(
            dimensions: dimensions,
            inputShape: SpaceFields.inputShape(options.inputShape, dimensions: dimensions,
                                               default: dimensions == 1 ? [1, 40] : [1, 8, 8], path: path),
            classes: SpaceFields.int(options.classes, default: 10, in: 2...100_000, path: path, "classes"),
            blocks: SpaceFields.int(options.blocks, default: 4, in: 1...8, path: path, "blocks"),
            primitives: SpaceFields.names(options.primitives, default: CellPrimitive.defaults, path: path, "primitives"),
            combiners: SpaceFields.names(options.combiners, default: CellCombiner.allCases, path: path, "combiners"),
            channels: SpaceFields.int(options.channels, default: 8, in: 1...512, path: path, "channels"),
            normalCells: SpaceFields.int(options.normalCells, default: 1, in: 1...8, path: path, "normalCells"),
            reductions: SpaceFields.int(options.reductions, default: 2, in: 0...2, path: path, "reductions"))
    }

    private init(dimensions: Int, inputShape: [Int], classes: Int, blocks: Int, primitives: [CellPrimitive],
                 combiners: [CellCombiner], channels: Int, normalCells: Int, reductions: Int) {
        self.dimensions = dimensions
        self.inputShape = inputShape
        self.classes = classes
        self.blocks = blocks
        self.primitives = primitives
        self.combiners = combiners
        self.channels = channels
        self.normalCells = normalCells
        self.reductions = reductions
        var choices: [Int] = [], names: [String] = []
        for cell in reductions > 0 ? [CellKind.normal, .reduction] : [.normal] {
            for b in 0..<blocks {
                let prefix = "\(cell.rawValue).block\(b)"
                choices += [2 + b, primitives.count, 2 + b, primitives.count, combiners.count]
                names += ["\(prefix).in0", "\(prefix).op0", "\(prefix).in1", "\(prefix).op1", "\(prefix).combine"]
            }
        }
        self.choices = choices
        decisionNames = names
    }

    public var json: JSON {
        [
            "kind": .string(kind), "dimensions": .int(Int64(dimensions)), "inputShape": SpaceFields.json(inputShape),
            "classes": .int(Int64(classes)), "blocks": .int(Int64(blocks)), "primitives": SpaceFields.json(primitives),
            "combiners": SpaceFields.json(combiners), "channels": .int(Int64(channels)),
            "normalCells": .int(Int64(normalCells)), "reductions": .int(Int64(reductions)),
        ]
    }

    // MARK: - Reading decisions

    /// One block of a cell, read from its five decisions.
    public struct Block: Sendable, Equatable {
        /// The hidden states read: 0 and 1 are the cell inputs, `2 + i` is block `i`'s output.
        public var inputs: [Int]
        public var operations: [CellPrimitive]
        public var combiner: CellCombiner
    }

    /// The blocks of one cell. Out-of-range decisions are clamped into range (check
    /// `isValid` first when that matters).
    public func blocks(of cell: CellKind, _ decisions: [Int]) -> [Block] {
        guard let cellIndex = cellKinds.firstIndex(of: cell) else { return [] }
        func decision(_ k: Int) -> Int {
            let index = cellIndex * 5 * blocks + k
            let value = index < decisions.count ? decisions[index] : 0
            return min(max(value, 0), choices[index] - 1)
        }
        return (0..<blocks).map { b in
            Block(inputs: [decision(5 * b), decision(5 * b + 2)],
                  operations: [primitives[decision(5 * b + 1)], primitives[decision(5 * b + 3)]],
                  combiner: combiners[decision(5 * b + 4)])
        }
    }

    /// The blocks no later block reads: their outputs are concatenated into the cell's output.
    static func unusedBlocks(_ blocks: [Block]) -> [Int] {
        let read = Set(blocks.flatMap { $0.inputs })
        return blocks.indices.filter { !read.contains($0 + 2) }
    }
}
