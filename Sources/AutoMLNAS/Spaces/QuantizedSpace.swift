import AutoMLJSON
import AutoMLNumerics
import AutoMLTrainer

/// Any architecture space plus a bit width for each quantizable layer: the joint search space of
/// JASQ (Chen et al. 2018).
///
/// ```json
/// {"kind": "quantized", "base": {"kind": "nasnet", "blocks": 2}, "bits": [2, 4, 8, 16, 32]}
/// ```
///
/// Decisions are the base space's, followed by one decision per quantizable layer (linear and
/// convolution weights, in model order) choosing among `bits`. How many layers a network has
/// can depend on the base decisions (a pooling op has no weights, a separable convolution two),
/// so the space uses a fixed bound `layers`: by default the most layers found among the base's
/// all-first and all-last decisions and 32 seeded samples; set it to raise the bound. For an
/// architecture with fewer layers the extra decisions are ignored; one with more (rare with the
/// default bound) keeps its layers beyond the bound at 32 bits.
///
/// `architecture(_:)` attaches what the evaluator needs: `training: {"weightBits": [...]}` (one
/// width per layer of this architecture; the engine's trainer evaluator merges `training` into
/// the training config, so the trainer quantizes after training and reports `modelBytes`) and
/// `modelBytes`, the size predicted from the model description (see `ModelFootprint`).
public struct QuantizedSpace: ArchitectureSpace {
    public struct Options: Decodable, Sendable {
        public var kind: String?
        public var base: JSON?
        public var bits: [Int]?
        public var layers: Int?
    }

    public let kind = "quantized"
    public let base: any ArchitectureSpace
    /// The widths a layer may take, in decision order.
    public let bits: [Int]
    /// How many bits decisions follow the base's.
    public let layers: Int
    public let choices: [Int]
    public let decisionNames: [String]

    public static let defaultBits = [2, 4, 8, 16, 32]
    static let maxLayers = 4096

    /// Wraps `base`; `layers` nil takes the probed bound described above.
    public init(base: any ArchitectureSpace, bits: [Int] = QuantizedSpace.defaultBits, layers: Int? = nil) {
        self.base = base
        self.bits = bits
        self.layers = layers ?? Self.probeLayers(base)
        choices = base.choices + Array(repeating: bits.count, count: self.layers)
        decisionNames = base.decisionNames + (0..<self.layers).map { "bits.layer\($0)" }
    }

    /// Decodes `{"kind": "quantized", "base": {...}, "bits": [...], "layers": n}`.
    /// - Throws: `JSONFieldError` at `<path>.<field>` (or inside `<path>.base`).
    public init(json: JSON, path: String) throws(JSONFieldError) {
        var decoder = JSONValueDecoder()
        decoder.rejectUnknownMembers = true
        let options = try decoder.decode(Options.self, from: json, path: path)
        let basePath = JSONPath.member(path, "base")
        if options.base?["kind"]?.stringValue == "quantized" {
            throw JSONFieldError(path: JSONPath.member(basePath, "kind"), reason: "a quantized space wraps a space that is not itself quantized")
        }
        let base = try ArchitectureSpaces.make(options.base, path: basePath)
        let bits = options.bits ?? Self.defaultBits
        let bitsPath = JSONPath.member(path, "bits")
        guard !bits.isEmpty else { throw JSONFieldError(path: bitsPath, reason: "expected at least one bit width") }
        for (i, width) in bits.enumerated() {
            guard WeightBits.range.contains(width) else {
                throw JSONFieldError(path: JSONPath.element(bitsPath, i), reason: "expected a width from \(WeightBits.range.lowerBound) to \(WeightBits.range.upperBound)")
            }
            guard !bits[..<i].contains(width) else { throw JSONFieldError(path: JSONPath.element(bitsPath, i), reason: "\(width) is listed twice") }
        }
        if let layers = options.layers, !(1...Self.maxLayers).contains(layers) {
            throw JSONFieldError(path: JSONPath.member(path, "layers"), reason: "expected an integer from 1 to \(Self.maxLayers)")
        }
        self.init(base: base, bits: bits, layers: options.layers)
    }

    /// The base space's decisions.
    public func baseDecisions(_ decisions: [Int]) -> [Int] { Array(decisions.prefix(base.choices.count)) }

    /// The width of each quantizable layer of this architecture's network (nil when its model
    /// does not build for sizing).
    public func weightBits(_ decisions: [Int]) -> [Int]? {
        guard let footprint = footprint(decisions) else { return nil }
        return widths(decisions, layers: footprint.layers.count)
    }

    /// The predicted bytes of this architecture's parameters at its widths.
    public func modelBytes(_ decisions: [Int]) -> Int? {
        guard let footprint = footprint(decisions) else { return nil }
        return footprint.bytes(.perLayer(widths(decisions, layers: footprint.layers.count)))
    }

    public func genotype(_ decisions: [Int]) -> JSON {
        genotype(decisions, widths: weightBits(decisions) ?? widths(decisions, layers: layers))
    }

    private func genotype(_ decisions: [Int], widths: [Int]) -> JSON {
        ["architecture": base.genotype(baseDecisions(decisions)), "weightBits": Self.json(widths)]
    }

    public func model(_ decisions: [Int]) -> ModelDescription { base.model(baseDecisions(decisions)) }

    /// The architecture with `training.weightBits` and the predicted `modelBytes` attached.
    public func architecture(_ decisions: [Int]) -> Architecture {
        let footprint = footprint(decisions)
        let widths = widths(decisions, layers: footprint?.layers.count ?? layers)
        var extra: JSONObject = ["training": ["weightBits": Self.json(widths)]]
        if let footprint { extra["modelBytes"] = .int(Int64(footprint.bytes(.perLayer(widths)))) }
        return Architecture(space: kind, decisions: decisions, genotype: genotype(decisions, widths: widths),
                            model: model(decisions), extra: extra)
    }

    /// JASQ's mutation: half the time one base decision (the base's own mutation), else one
    /// layer's width.
    public func mutate(_ decisions: [Int], using rng: inout SeededGenerator) -> [Int] {
        let baseCount = base.choices.count
        let widthsMutable = bits.count > 1 && layers > 0
        let baseMutable = base.choices.contains { $0 > 1 }
        guard widthsMutable || baseMutable else { return decisions }
        var child = decisions
        if baseMutable && (!widthsMutable || rng.nextUnit() < 0.5) {
            child.replaceSubrange(0..<min(baseCount, child.count), with: base.mutate(baseDecisions(decisions), using: &rng))
        } else {
            let k = baseCount + rng.nextInt(below: layers)
            if k < child.count { child[k] = DecisionMutation.differentValue(from: child[k], choices: bits.count, using: &rng) }
        }
        return child
    }

    public var json: JSON {
        ["kind": .string(kind), "base": base.json, "bits": Self.json(bits), "layers": .int(Int64(layers))]
    }

    /// One width per layer: the bits decisions for the first `layers` (bounded) layers, 32 beyond.
    func widths(_ decisions: [Int], layers count: Int) -> [Int] {
        (0..<count).map { k in
            let index = base.choices.count + k
            guard k < layers, index < decisions.count, bits.indices.contains(decisions[index]) else { return 32 }
            return bits[decisions[index]]
        }
    }

    func footprint(_ decisions: [Int]) -> ModelFootprint? {
        try? ModelFootprint(base.model(baseDecisions(decisions)))
    }

    static func json(_ values: [Int]) -> JSON { .array(values.map { .int(Int64($0)) }) }

    /// The most quantizable layers among probe architectures of `base` (at least 1).
    static func probeLayers(_ base: any ArchitectureSpace) -> Int {
        var rng = SeededGenerator(seed: 0)
        var probes = [base.choices.map { _ in 0 }, base.choices.map { max($0 - 1, 0) }]
        for _ in 0..<32 { probes.append(base.sample(using: &rng)) }
        let counts = probes.compactMap { try? ModelFootprint(base.model($0)).layers.count }
        return min(max(counts.max() ?? 1, 1), maxLayers)
    }
}
