import AutoMLJSON
import AutoMLTrainer

/// One architecture as it travels in `session/ask`'s `architecture` member.
///
/// ```json
/// {"space": "nasnet", "decisions": [0, 1, 3, 2, 0, ...],
///  "genotype": {"normal": [...], "reduction": [...]},
///  "model": {"inputShape": [1, 40], "nodes": [...], "edges": [...], "output": "out"}}
/// ```
///
/// `decisions` is the canonical form (what strategies read back from told trials); `genotype`
/// is for people; `model` is the trainer's model description, which `session/run`'s trainer
/// evaluator builds and an external evaluator may build too. `extra` holds members a space
/// adds (per-layer `bits` for quantized spaces, a NEAT genome's genes).
public struct Architecture: Sendable, Equatable {
    public var space: String
    public var decisions: [Int]
    public var genotype: JSON
    public var model: ModelDescription?
    public var extra: JSONObject

    public init(space: String, decisions: [Int], genotype: JSON, model: ModelDescription?, extra: JSONObject = JSONObject()) {
        self.space = space
        self.decisions = decisions
        self.genotype = genotype
        self.model = model
        self.extra = extra
    }

    /// The wire form.
    public var json: JSON {
        var object = JSONObject()
        object["space"] = .string(space)
        object["decisions"] = .array(decisions.map { .int(Int64($0)) })
        object["genotype"] = genotype
        if let model { object["model"] = model.json }
        for (key, value) in extra where object[key] == nil { object[key] = value }
        return .object(object)
    }

    /// The decisions of an architecture read back from a trial record, when it has them.
    public static func decisions(in json: JSON?) -> [Int]? {
        guard case .object(let object)? = json, case .array(let items)? = object["decisions"] else { return nil }
        var decisions: [Int] = []
        decisions.reserveCapacity(items.count)
        for item in items {
            guard case .int(let value) = item, let int = Int(exactly: value) else { return nil }
            decisions.append(int)
        }
        return decisions
    }
}
