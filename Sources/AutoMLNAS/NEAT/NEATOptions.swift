import AutoMLJSON

/// The `neat` strategy's options, as clients write them in `strategy.options`; every field is
/// optional and defaults to `NEATSettings`' value.
public struct NEATOptions: Decodable, Sendable {
    public var populationSize: Int?
    public var inputs: Int?
    public var outputs: Int?
    public var excessCoefficient: Double?
    public var disjointCoefficient: Double?
    public var weightCoefficient: Double?
    public var compatibilityThreshold: Double?
    public var activation: String?
    public var outputActivation: String?
    public var weightMutationRate: Double?
    public var weightPerturbRate: Double?
    public var weightPerturbPower: Double?
    public var addConnectionRate: Double?
    public var addNodeRate: Double?
    public var crossoverRate: Double?
    public var interspeciesRate: Double?
    public var survivalThreshold: Double?
    public var elitismAbove: Int?
    public var stagnationLimit: Int?

    public init() {}

    /// The settings these options give, checked.
    /// - Throws: `JSONFieldError` at `<path>.<option>`.
    public func settings(path: String) throws(JSONFieldError) -> NEATSettings {
        var s = NEATSettings()
        func integer(_ value: Int?, _ name: String, _ range: ClosedRange<Int>) throws(JSONFieldError) -> Int? {
            guard let value else { return nil }
            guard range.contains(value) else {
                throw JSONFieldError(path: JSONPath.member(path, name), reason: "expected an integer from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
        func number(_ value: Double?, _ name: String, _ low: Double, _ high: Double) throws(JSONFieldError) -> Double? {
            guard let value else { return nil }
            guard value.isFinite, value >= low, value <= high else {
                throw JSONFieldError(path: JSONPath.member(path, name), reason: "expected a number from \(low) to \(high)")
            }
            return value
        }
        func activationNamed(_ word: String?, _ name: String) throws(JSONFieldError) -> NEATActivation? {
            guard let word else { return nil }
            guard let value = NEATActivation(rawValue: word) else {
                throw JSONFieldError(path: JSONPath.member(path, name), reason: "expected one of \(NEATActivation.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }
        s.populationSize = try integer(populationSize, "populationSize", 2...100_000) ?? s.populationSize
        s.inputs = try integer(inputs, "inputs", 1...100_000) ?? s.inputs
        s.outputs = try integer(outputs, "outputs", 1...10_000) ?? s.outputs
        s.excessCoefficient = try number(excessCoefficient, "excessCoefficient", 0, 1e6) ?? s.excessCoefficient
        s.disjointCoefficient = try number(disjointCoefficient, "disjointCoefficient", 0, 1e6) ?? s.disjointCoefficient
        s.weightCoefficient = try number(weightCoefficient, "weightCoefficient", 0, 1e6) ?? s.weightCoefficient
        s.compatibilityThreshold = try number(compatibilityThreshold, "compatibilityThreshold", 0, 1e6) ?? s.compatibilityThreshold
        s.activation = try activationNamed(activation, "activation") ?? s.activation
        s.outputActivation = try activationNamed(outputActivation, "outputActivation") ?? s.outputActivation
        s.weightMutationRate = try number(weightMutationRate, "weightMutationRate", 0, 1) ?? s.weightMutationRate
        s.weightPerturbRate = try number(weightPerturbRate, "weightPerturbRate", 0, 1) ?? s.weightPerturbRate
        s.weightPerturbPower = try number(weightPerturbPower, "weightPerturbPower", 0, 1e3) ?? s.weightPerturbPower
        s.addConnectionRate = try number(addConnectionRate, "addConnectionRate", 0, 1) ?? s.addConnectionRate
        s.addNodeRate = try number(addNodeRate, "addNodeRate", 0, 1) ?? s.addNodeRate
        s.crossoverRate = try number(crossoverRate, "crossoverRate", 0, 1) ?? s.crossoverRate
        s.interspeciesRate = try number(interspeciesRate, "interspeciesRate", 0, 1) ?? s.interspeciesRate
        s.survivalThreshold = try number(survivalThreshold, "survivalThreshold", 0, 1) ?? s.survivalThreshold
        s.elitismAbove = try integer(elitismAbove, "elitismAbove", 0...100_000) ?? s.elitismAbove
        s.stagnationLimit = try integer(stagnationLimit, "stagnationLimit", 1...100_000) ?? s.stagnationLimit
        guard s.inputs * s.outputs <= 1_000_000 else {
            throw JSONFieldError(path: JSONPath.member(path, "inputs"), reason: "inputs × outputs must stay within 1,000,000 initial connections")
        }
        return s
    }

    static let schema: JSON = {
        func integer(_ low: Int, _ high: Int, _ value: Int, _ text: String) -> JSON {
            ["type": "integer", "minimum": .int(Int64(low)), "maximum": .int(Int64(high)), "default": .int(Int64(value)), "description": .string(text)]
        }
        func number(_ low: Double, _ high: Double, _ value: Double, _ text: String) -> JSON {
            ["type": "number", "minimum": .double(low), "maximum": .double(high), "default": .double(value), "description": .string(text)]
        }
        let activations: JSON = .array(NEATActivation.allCases.map { .string($0.rawValue) })
        let d = NEATSettings()
        let properties: JSONObject = [
            "populationSize": integer(2, 100_000, d.populationSize, "Genomes per generation."),
            "inputs": integer(1, 100_000, d.inputs, "Input nodes (the data's features)."),
            "outputs": integer(1, 10_000, d.outputs, "Output nodes (one per class for classification)."),
            "excessCoefficient": number(0, 1e6, d.excessCoefficient, "c1 of the compatibility distance (excess genes)."),
            "disjointCoefficient": number(0, 1e6, d.disjointCoefficient, "c2 of the compatibility distance (disjoint genes)."),
            "weightCoefficient": number(0, 1e6, d.weightCoefficient, "c3 of the compatibility distance (mean weight difference of matching genes)."),
            "compatibilityThreshold": number(0, 1e6, d.compatibilityThreshold, "δt: a genome joins the first species whose representative is closer."),
            "activation": ["type": "string", "enum": activations, "default": .string(d.activation.rawValue), "description": "Activation of hidden nodes."],
            "outputActivation": ["type": "string", "enum": activations, "default": .string(d.outputActivation.rawValue), "description": "Activation of output nodes (identity gives raw class scores)."],
            "weightMutationRate": number(0, 1, d.weightMutationRate, "Probability that an offspring's weights mutate."),
            "weightPerturbRate": number(0, 1, d.weightPerturbRate, "Per weight: probability of a perturbation rather than a new value."),
            "weightPerturbPower": number(0, 1e3, d.weightPerturbPower, "Standard deviation of a weight perturbation."),
            "addConnectionRate": number(0, 1, d.addConnectionRate, "Probability of an add-connection mutation per offspring."),
            "addNodeRate": number(0, 1, d.addNodeRate, "Probability of an add-node mutation per offspring."),
            "crossoverRate": number(0, 1, d.crossoverRate, "Fraction of non-elite offspring made by crossover."),
            "interspeciesRate": number(0, 1, d.interspeciesRate, "Probability that a crossover partner comes from another species."),
            "survivalThreshold": number(0, 1, d.survivalThreshold, "Fraction of each species (the best) allowed to reproduce."),
            "elitismAbove": integer(0, 100_000, d.elitismAbove, "Species with more members than this keep their champion unchanged."),
            "stagnationLimit": integer(1, 100_000, d.stagnationLimit, "Generations without improvement after which a species stops reproducing."),
        ]
        return ["type": "object", "properties": .object(properties), "additionalProperties": false]
    }()
}
