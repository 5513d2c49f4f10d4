import AutoMLEngine
import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies

/// Runs a strategy on a test problem through an engine session, the same ask/tell path a
/// client takes, and records the best value after every trial.
public struct ProblemSearch: Sendable {
    public var problem: TestProblem
    public var strategy: String
    public var options: JSON?
    public var trials: Int
    public var seed: UInt64
    /// Trials asked for at once (pending together).
    public var batch: Int

    public init(problem: TestProblem, strategy: String, options: JSON? = nil, trials: Int, seed: UInt64, batch: Int = 1) {
        self.problem = problem
        self.strategy = strategy
        self.options = options
        self.trials = trials
        self.seed = seed
        self.batch = max(1, batch)
    }

    /// What a search found.
    public struct Outcome: Sendable {
        /// The best value after each trial (index i: after i + 1 trials).
        public var bestTrace: [Double]
        public var bestConfig: JSONObject
        public var bestValue: Double
        public var regret: Double { bestValue - optimum }
        public let optimum: Double
        /// Trials actually evaluated (fewer than asked when a strategy ran out, e.g. a grid).
        public var evaluated: Int { bestTrace.count }
    }

    /// Runs the search in `engine`; `progress` is called after every told trial.
    public func run(
        engine: Engine, sessionId: String? = nil,
        progress: (_ done: Int, _ best: Double) -> Void = { _, _ in }
    ) async throws -> Outcome {
        let space = try SearchSpace(json: problem.spaceJSON, path: "space")
        let session = try await engine.create(
            CreateRequest(strategy: strategy, options: options, space: space, seed: seed, name: problem.name, sessionId: sessionId))
        var trace: [Double] = []
        var best = Double.infinity
        var bestConfig = JSONObject()
        while trace.count < trials {
            let reply = try await session.ask(count: min(batch, trials - trace.count), clientId: nil)
            if reply.trials.isEmpty { break }
            for trial in reply.trials {
                let value = problem.evaluate(trial.config)
                _ = try await session.tell(trialId: trial.id, state: .complete, values: [value], budget: nil, cost: nil)
                if value < best {
                    best = value
                    bestConfig = trial.config
                }
                trace.append(best)
                progress(trace.count, best)
            }
        }
        return Outcome(bestTrace: trace, bestConfig: bestConfig, bestValue: best, optimum: problem.optimum)
    }
}
