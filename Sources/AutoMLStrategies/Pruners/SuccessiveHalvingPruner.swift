import AutoMLJSON

#if canImport(Glibc)
import Glibc
#endif

/// Asynchronous successive halving on reported steps: rungs at steps
/// minResource * eta^(minEarlyStoppingRate + k). When a trial first reaches a rung, it continues
/// only if its value there is among the best 1/eta of every trial that reached that rung (the
/// best one, while fewer than eta have). No suspending: a trial that is not promoted stops.
///
/// References: Li et al., "A System for Massively Parallel Hyperparameter Tuning", MLSys 2020;
/// Optuna's SuccessiveHalvingPruner.
public struct SuccessiveHalvingPruner: Pruner {
    public struct Options: Decodable, Sendable {
        public var minResource: Double?
        public var reductionFactor: Double?
        public var minEarlyStoppingRate: Int?
        public var objective: Int?
    }

    public static let name = "successive-halving"
    public static let summary = "Stop a trial that is not in the top 1/eta of the trials that reached the same rung."
    public static let optionsSchema: JSON = [
        "type": "object",
        "properties": [
            "minResource": ["type": "number", "exclusiveMinimum": 0, "default": 1, "description": "The step of the first rung."],
            "reductionFactor": ["type": "number", "minimum": 2, "default": 3, "description": "Rungs are eta times apart; the top 1/eta continue."],
            "minEarlyStoppingRate": ["type": "integer", "minimum": 0, "default": 0, "description": "Skip this many rungs."],
            "objective": ["type": "integer", "minimum": 0, "default": 0],
        ],
        "additionalProperties": false,
    ]

    let rule: RungRule

    public init(objectives: [Objective], options: Options) throws {
        let path = "params.pruner.options"
        rule = try RungRule(
            minResource: options.minResource ?? 1, eta: options.reductionFactor ?? 3, rate: options.minEarlyStoppingRate ?? 0,
            objective: PrunedObjective(objectives: objectives, index: options.objective, path: path), path: path)
    }

    public func decide(_ trial: TrialRecord, history: [TrialRecord]) -> PruneDecision {
        rule.decide(trial, competitors: history)
    }
}

/// The rung test shared by the successive-halving and Hyperband pruners.
struct RungRule: Sendable {
    let minResource: Double
    let eta: Double
    let rate: Int
    let objective: PrunedObjective

    init(minResource: Double, eta: Double, rate: Int, objective: PrunedObjective, path: String) throws {
        guard minResource > 0, minResource.isFinite else { throw JSONFieldError(path: "\(path).minResource", reason: "expected a positive number") }
        guard eta >= 2, eta.isFinite else { throw JSONFieldError(path: "\(path).reductionFactor", reason: "expected a number of at least 2") }
        guard rate >= 0 else { throw JSONFieldError(path: "\(path).minEarlyStoppingRate", reason: "expected a non-negative integer") }
        self.minResource = minResource
        self.eta = eta
        self.rate = rate
        self.objective = objective
    }

    /// The step of rung k.
    func rungStep(_ k: Int) -> Double { minResource * pow(eta, Double(rate + k)) }

    /// The trial's value at rung k: the first reported value at or past its step.
    func value(of trial: TrialRecord, atRung k: Int) -> Double? {
        let step = rungStep(k)
        return trial.intermediate.first { $0.step >= step - 1e-9 }.map { objective.loss($0.value) }
    }

    func decide(_ trial: TrialRecord, competitors: [TrialRecord]) -> PruneDecision {
        guard let latest = trial.intermediate.last else { return .continue }
        // The rung the latest report crossed for the first time, if any.
        var k = 0
        while rungStep(k + 1) <= latest.step + 1e-9 { k += 1 }
        guard rungStep(k) <= latest.step + 1e-9 else { return .continue }
        let previous = trial.intermediate.dropLast().last
        if let previous, previous.step >= rungStep(k) - 1e-9 { return .continue }
        guard let mine = value(of: trial, atRung: k) else { return .continue }
        var values = competitors.filter { $0.id != trial.id }.compactMap { value(of: $0, atRung: k) }
        values.append(mine)
        values.sort()
        let promotable = max(Int((Double(values.count) / eta + 1e-9).rounded(.down)) - 1, 0)
        return mine <= values[promotable] ? .continue : .prune
    }
}

/// Hyperband on reported steps: several successive-halving pruners with different first rungs
/// (brackets); each trial is assigned to one by a deterministic hash of its id, weighted by how
/// many trials Hyperband gives the bracket, and competes only within it.
///
/// References: Li et al. 2018 (Hyperband); Optuna's HyperbandPruner.
public struct HyperbandPruner: Pruner {
    public struct Options: Decodable, Sendable {
        public var minResource: Double?
        public var maxResource: Double?
        public var reductionFactor: Double?
        public var objective: Int?
    }

    public static let name = "hyperband"
    public static let summary = "Successive-halving pruners in Hyperband's brackets; each trial runs in one bracket."
    public static let optionsSchema: JSON = [
        "type": "object",
        "properties": [
            "minResource": ["type": "number", "exclusiveMinimum": 0, "default": 1],
            "maxResource": ["type": "number", "exclusiveMinimum": 0, "default": 81, "description": "The last step a trial reports."],
            "reductionFactor": ["type": "number", "minimum": 2, "default": 3],
            "objective": ["type": "integer", "minimum": 0, "default": 0],
        ],
        "additionalProperties": false,
    ]

    let brackets: [RungRule]
    /// Cumulative weights of the brackets.
    let cumulative: [Double]

    public init(objectives: [Objective], options: Options) throws {
        let path = "params.pruner.options"
        let minResource = options.minResource ?? 1
        let maxResource = options.maxResource ?? 81
        let eta = options.reductionFactor ?? 3
        guard maxResource >= minResource else {
            throw JSONFieldError(path: "\(path).maxResource", reason: "expected a number no smaller than minResource")
        }
        let objective = try PrunedObjective(objectives: objectives, index: options.objective, path: path)
        let count = Int((log(maxResource / minResource) / log(max(eta, 2)) + 1e-9).rounded(.down)) + 1
        brackets = try (0..<count).map { try RungRule(minResource: minResource, eta: eta, rate: $0, objective: objective, path: path) }
        let smax = Double(count - 1)
        var total = 0.0
        cumulative = (0..<count).map { s in
            total += ceil((smax + 1) / Double(s + 1) * pow(eta, Double(count - 1 - s)))
            return total
        }
    }

    /// The bracket of a trial: a weighted, deterministic choice from its id.
    func bracket(of trialId: Int) -> Int {
        var mix = SplitMix64Hash(UInt64(trialId))
        let u = Double(mix.next() >> 11) * 0x1.0p-53 * (cumulative.last ?? 1)
        return cumulative.firstIndex { u < $0 } ?? (cumulative.count - 1)
    }

    public func decide(_ trial: TrialRecord, history: [TrialRecord]) -> PruneDecision {
        let index = bracket(of: trial.id)
        let peers = history.filter { bracket(of: $0.id) == index }
        return brackets[index].decide(trial, competitors: peers)
    }
}

/// A stateless 64-bit mix of an integer (SplitMix64's finalizer), for deterministic assignment.
struct SplitMix64Hash {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
