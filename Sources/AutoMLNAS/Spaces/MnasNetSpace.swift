import AutoMLJSON
import AutoMLTrainer

/// MnasNet's factorized hierarchical space (Tan et al. 2019): the network is a fixed sequence
/// of blocks, and each block chooses its own layer type, kernel, width, depth and skip, so that
/// different parts of the network can differ (unlike a repeated cell).
///
/// ```json
/// {"kind": "mnasnet", "dimensions": 1, "blocks": 4, "channels": 16, "reductions": 2,
///  "widths": [0.75, 1.0, 1.25]}
/// ```
///
/// Five decisions per block: `[op, kernel, width, layers, skip]` with op one of `conv`,
/// `dsconv` (depthwise separable), `mbconv3`, `mbconv6` (inverted bottleneck, expansion 3 or 6);
/// kernel 3 or 5; width a multiplier of the block's base channels; 1 to 3 layers; skip `none`
/// or `identity` (a residual around every layer whose input and output shapes agree). Block
/// `b`'s base channels are `channels · 2^r` where `r` counts the reductions up to it; the
/// reducing blocks (stride 2 in their first layer) are spread evenly over the sequence.
///
/// References: Tan, Chen, Pang, Vasudevan, Sandler, Howard & Le, "MnasNet: Platform-Aware
/// Neural Architecture Search for Mobile", CVPR 2019; Sandler et al., "MobileNetV2", CVPR 2018.
public struct MnasNetSpace: ArchitectureSpace {
    public struct Options: Decodable, Sendable {
        public var kind: String?
        /// 1 or 2; default 1.
        public var dimensions: Int?
        /// Default `[1, 40]` (1-D) or `[1, 8, 8]` (2-D).
        public var inputShape: [Int]?
        /// Default 10.
        public var classes: Int?
        /// Blocks, 1 to 12; default 4 (the paper: 7).
        public var blocks: Int?
        /// Stem channels and base of the first block, 1 to 512; default 16.
        public var channels: Int?
        /// Reducing blocks, 0 to 3 and at most `blocks`; default 2.
        public var reductions: Int?
        /// Width multipliers to choose from, each in (0, 4]; default `[0.75, 1.0, 1.25]`.
        public var widths: [Double]?

        public init() {}
    }

    /// A block's layer type.
    public enum LayerKind: String, Sendable, CaseIterable {
        case conv, dsconv, mbconv3, mbconv6
    }

    public static let kernels = [3, 5]
    public static let layerCounts = [1, 2, 3]
    public static let skips = ["none", "identity"]

    public let kind = "mnasnet"
    public let dimensions: Int
    public let inputShape: [Int]
    public let classes: Int
    public let blocks: Int
    public let channels: Int
    public let reductions: Int
    public let widths: [Double]
    public let choices: [Int]
    public let decisionNames: [String]

    public init() {
        self.init(dimensions: 1, inputShape: [1, 40], classes: 10, blocks: 4, channels: 16, reductions: 2, widths: [0.75, 1.0, 1.25])
    }

    /// Decodes a space from `{"kind": "mnasnet", ...}`.
    /// - Throws: `JSONFieldError` at `<path>.<field>` for an unknown field or a bad value.
    public init(json: JSON, path: String) throws(JSONFieldError) {
        let options = try SpaceFields.decode(Options.self, from: json, path: path)
        if let kind = options.kind, kind != "mnasnet" {
            throw JSONFieldError(path: JSONPath.member(path, "kind"), reason: "expected \"mnasnet\"")
        }
        let dimensions = try SpaceFields.int(options.dimensions, default: 1, in: 1...2, path: path, "dimensions")
        let blocks = try SpaceFields.int(options.blocks, default: 4, in: 1...12, path: path, "blocks")
        let widths = options.widths ?? [0.75, 1.0, 1.25]
        guard !widths.isEmpty, widths.allSatisfy({ $0 > 0 && $0 <= 4 }), Set(widths).count == widths.count else {
            throw JSONFieldError(path: JSONPath.member(path, "widths"), reason: "expected distinct multipliers in (0, 4]")
        }
        try self.init(
            dimensions: dimensions,
            inputShape: SpaceFields.inputShape(options.inputShape, dimensions: dimensions,
                                               default: dimensions == 1 ? [1, 40] : [1, 8, 8], path: path),
            classes: SpaceFields.int(options.classes, default: 10, in: 2...100_000, path: path, "classes"),
            blocks: blocks,
            channels: SpaceFields.int(options.channels, default: 16, in: 1...512, path: path, "channels"),
            reductions: SpaceFields.int(options.reductions, default: min(2, blocks), in: 0...min(3, blocks), path: path, "reductions"),
            widths: widths)
    }

    private init(dimensions: Int, inputShape: [Int], classes: Int, blocks: Int, channels: Int, reductions: Int, widths: [Double]) {
        self.dimensions = dimensions
        self.inputShape = inputShape
        self.classes = classes
        self.blocks = blocks
        self.channels = channels
        self.reductions = reductions
        self.widths = widths
        choices = (0..<blocks).flatMap { _ in [LayerKind.allCases.count, Self.kernels.count, widths.count, Self.layerCounts.count, Self.skips.count] }
        decisionNames = (0..<blocks).flatMap { b in ["op", "kernel", "width", "layers", "skip"].map { "block\(b).\($0)" } }
    }

    public var json: JSON {
        [
            "kind": .string(kind), "dimensions": .int(Int64(dimensions)), "inputShape": SpaceFields.json(inputShape),
            "classes": .int(Int64(classes)), "blocks": .int(Int64(blocks)), "channels": .int(Int64(channels)),
            "reductions": .int(Int64(reductions)), "widths": .array(widths.map { .double($0) }),
        ]
    }

    /// One block, read from its five decisions (clamped into range).
    public struct Block: Sendable, Equatable {
        public var layer: LayerKind
        public var kernel: Int
        public var width: Double
        public var layers: Int
        public var skip: Bool
    }

    public func block(_ b: Int, _ decisions: [Int]) -> Block {
        func choice(_ k: Int) -> Int {
            let index = 5 * b + k
            return min(max(index < decisions.count ? decisions[index] : 0, 0), choices[index] - 1)
        }
        return Block(layer: LayerKind.allCases[choice(0)], kernel: Self.kernels[choice(1)], width: widths[choice(2)],
                     layers: Self.layerCounts[choice(3)], skip: choice(4) == 1)
    }

    /// Whether block `b` starts with a stride-2 layer: the `reductions` reducing blocks sit at
    /// `⌊(r + 1) · blocks / (reductions + 1)⌋` for r = 0 ..< reductions.
    public func reduces(_ b: Int) -> Bool {
        (0..<reductions).contains { ($0 + 1) * blocks / (reductions + 1) == b }
    }

    /// The base channels of block `b`: `channels` doubled once per reduction up to it.
    public func baseChannels(_ b: Int) -> Int {
        channels << (0...b).filter(reduces).count
    }
}
