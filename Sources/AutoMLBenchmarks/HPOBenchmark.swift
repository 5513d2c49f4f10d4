import AutoMLEngine
import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import AutoMLStrategies
import Foundation

/// `automl bench hpo`: search quality (regret) and cost per suggestion of HPO strategies on the
/// test problems, through the engine's session path, over several seeds.
public struct HPOBenchmark: Sendable {
    public var strategies: [String]
    public var problems: [TestProblem]
    public var trials: Int
    public var seeds: [UInt64]
    /// Trial counts at which regret is read.
    public var checkpoints: [Int]
    /// History sizes at which the cost of ask + tell is measured.
    public var historySizes: [Int]
    /// How many ask + tell pairs are timed at each history size.
    public var timedAsks: Int

    public init(
        strategies: [String], problems: [TestProblem], trials: Int, seeds: [UInt64], checkpoints: [Int],
        historySizes: [Int], timedAsks: Int = 20
    ) {
        self.strategies = strategies
        self.problems = problems
        self.trials = trials
        self.seeds = seeds
        self.checkpoints = checkpoints.filter { $0 <= trials }
        self.historySizes = historySizes
        self.timedAsks = timedAsks
    }

    /// Regret of one strategy on one problem: quartiles over seeds at each checkpoint.
    public struct RegretRow: Sendable {
        public var strategy: String
        public var problem: String
        public var regret: [Int: Quartiles]
        public var secondsPerRun: Double

        public var json: JSON {
            var object: JSONObject = ["kind": "regret", "strategy": .string(strategy), "problem": .string(problem)]
            for (checkpoint, q) in regret.sorted(by: { $0.key < $1.key }) {
                object["at\(checkpoint)"] = ["median": .double(q.median), "q25": .double(q.q25), "q75": .double(q.q75)]
            }
            object["secondsPerRun"] = .double(secondsPerRun)
            return .object(object)
        }
    }

    /// Cost of one ask + tell at a given history size.
    public struct CostRow: Sendable {
        public var strategy: String
        public var history: Int
        public var millisecondsPerAskTell: Double

        public var json: JSON {
            ["kind": "cost", "strategy": .string(strategy), "history": .int(Int64(history)), "msPerAskTell": .double(millisecondsPerAskTell)]
        }
    }

    public func regret(strategy: String, problem: TestProblem) async throws -> RegretRow {
        var traces: [[Double]] = []
        let start = Date()
        for seed in seeds {
            let outcome = try await ProblemSearch(problem: problem, strategy: strategy, trials: trials, seed: seed)
                .run(engine: Engine(dataDir: nil))
            traces.append(outcome.bestTrace.map { $0 - problem.optimum })
        }
        let elapsed = Date().timeIntervalSince(start) / Double(max(seeds.count, 1))
        var regret: [Int: Quartiles] = [:]
        for checkpoint in checkpoints {
            // A run that stopped early (an exhausted grid) keeps its last value.
            regret[checkpoint] = Quartiles(traces.compactMap { trace in trace.isEmpty ? nil : trace[min(checkpoint, trace.count) - 1] })
        }
        return RegretRow(strategy: strategy, problem: problem.name, regret: regret, secondsPerRun: elapsed)
    }

    /// Times ask + tell on a 5-D problem after `history` completed trials told as warm starts.
    public func cost(strategy: String, history: Int) async throws -> CostRow {
        let problem = TestProblem.costProblem
        let space = try SearchSpace(json: problem.spaceJSON, path: "space")
        let session = try await Engine(dataDir: nil).create(CreateRequest(strategy: strategy, space: space, seed: 0))
        var rng = SeededGenerator(seed: 12_345)
        for _ in 0..<history {
            let config = space.sample(using: &rng)
            _ = try await session.warmStart(config: config, state: .complete, values: [problem.evaluate(config)], budget: nil, cost: nil)
        }
        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            for _ in 0..<timedAsks {
                for trial in try await session.ask(count: 1, clientId: nil).trials {
                    _ = try await session.tell(trialId: trial.id, state: .complete, values: [problem.evaluate(trial.config)], budget: nil, cost: nil)
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return CostRow(strategy: strategy, history: history, millisecondsPerAskTell: seconds * 1000 / Double(timedAsks))
    }
}
