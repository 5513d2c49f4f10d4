import AutoMLEngine
import AutoMLJSON
import AutoMLNAS
import AutoMLNumerics
import AutoMLSpace
import AutoMLStrategies

/// `automl bench nas --synthetic`: how fast NAS strategies climb a synthetic fitness over
/// decision vectors, with no training at all.
///
/// Each seed hides a target decision vector in the architecture space (drawn uniformly from a
/// generator seeded apart from the session's); an architecture's fitness is the fraction of its
/// decisions that equal the target's, told as a maximized objective. For each strategy and
/// seed, a session runs `checkpoints.last` trials one at a time through the ask/tell path a
/// client takes, recording the best fitness seen after each checkpoint. The summary is the mean
/// best over seeds at each checkpoint, and its ratio to the baseline strategy's mean best
/// (`nas-random`), measured in the same run. The fitness is separable, so it measures whether a
/// learner picks up per-decision credit, the easiest signal there is: a floor for a strategy's
/// usefulness, not a forecast of its accuracy on real networks.
public struct NASControllerBenchmark: Sendable {
    public var strategies = ["nas-reinforce", "nas-ppo", "nas-random"]
    /// The strategy the others are divided by.
    public var baseline = "nas-random"
    /// Trial counts at which the best fitness is read, increasing.
    public var checkpoints = [50, 100, 200]
    public var seeds = 10
    /// The architecture space (nil: the default NASNet cell space).
    public var space: JSON?
    /// Extra strategy options by strategy name (`space` is added from `space`).
    public var options: [String: JSONObject] = [:]

    public init() {}

    /// The session's `space`: one float the NAS strategies draw from its prior and the fitness
    /// ignores (a session needs at least one parameter).
    public static let sessionSpace: JSON = ["params": [["name": "unused", "type": "float", "low": 0.0, "high": 1.0]]]

    /// The hidden target of `seed`: one uniform draw per decision.
    public static func target(choices: [Int], seed: UInt64) -> [Int] {
        var rng = SeededGenerator(seed: seed &+ 0x5EED_7A96_E7)
        return choices.map { $0 <= 1 ? 0 : rng.nextInt(below: $0) }
    }

    /// The fraction of decisions equal to the target's (0 for a vector of the wrong length).
    public static func fitness(_ decisions: [Int], target: [Int]) -> Double {
        guard decisions.count == target.count, !target.isEmpty else { return 0 }
        return Double(zip(decisions, target).filter { $0 == $1 }.count) / Double(target.count)
    }

    /// The best fitness after each checkpoint for one strategy and seed.
    public func run(strategy: String, seed: UInt64) async throws -> [Double] {
        let architectures = try ArchitectureSpaces.make(space, path: "space")
        let target = Self.target(choices: architectures.choices, seed: seed)
        var object = options[strategy] ?? [:]
        if let space { object["space"] = space }
        let session = try await Engine(dataDir: nil).create(
            CreateRequest(strategy: strategy, options: .object(object), space: SearchSpace(json: Self.sessionSpace, path: "space"),
                          objectives: [Objective(name: "fitness", goal: .maximize)], seed: seed, name: "bench-nas-synthetic"))
        var best = 0.0
        var bests: [Double] = []
        let total = checkpoints.last ?? 0
        for done in 1...max(total, 1) {
            guard let trial = try await session.ask(count: 1, clientId: nil).trials.first else { break }
            let value = Self.fitness(Architecture.decisions(in: trial.architecture) ?? [], target: target)
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [value], budget: nil, cost: nil)
            best = max(best, value)
            if checkpoints.contains(done) { bests.append(best) }
        }
        while bests.count < checkpoints.count { bests.append(best) }
        return bests
    }

    /// One strategy's mean best fitness at each checkpoint, over seeds `0..<seeds`.
    public struct Summary: Sendable {
        public var strategy: String
        public var meanBest: [Double]
        /// `meanBest` divided by the baseline's, checkpoint by checkpoint (nil without a baseline run).
        public var ratio: [Double]?
    }

    /// Runs every strategy on every seed; `progress` sees each (strategy, seed, bests) as it ends.
    public func run(progress: (String, UInt64, [Double]) -> Void = { _, _, _ in }) async throws -> [Summary] {
        var means: [(String, [Double])] = []
        for strategy in strategies {
            var sums = [Double](repeating: 0, count: checkpoints.count)
            for seed in 0..<UInt64(max(seeds, 1)) {
                let bests = try await run(strategy: strategy, seed: seed)
                progress(strategy, seed, bests)
                for (k, value) in bests.enumerated() { sums[k] += value }
            }
            means.append((strategy, sums.map { $0 / Double(max(seeds, 1)) }))
        }
        let base = means.first { $0.0 == baseline }?.1
        return means.map { strategy, mean in
            Summary(strategy: strategy, meanBest: mean, ratio: base.map { zip(mean, $0).map { $1 > 0 ? $0 / $1 : .nan } })
        }
    }

    /// The JSON line of one summary.
    public func json(_ summary: Summary) -> JSON {
        var object: JSONObject = [
            "kind": "nas-synthetic", "strategy": .string(summary.strategy), "seeds": .int(Int64(seeds)),
            "checkpoints": .array(checkpoints.map { .int(Int64($0)) }),
            "meanBest": .array(summary.meanBest.map { .double($0) }),
        ]
        if let ratio = summary.ratio {
            object["baseline"] = .string(baseline)
            object["ratio"] = .array(ratio.map { .double($0) })
        }
        return .object(object)
    }
}
