import AutoMLJSON

extension NASBenchmark {
    /// One trained trial of a search, as `--trial-lines` prints it: what the search saw of the
    /// network (its told value and validation accuracy after the trial's epochs) and the test
    /// accuracy of that same short training, which never guides the search. Kept so that a
    /// strategy can be judged on the networks at the top of its search, not only on the one it
    /// ends with (`benchmarks/nas_retrain.py train --top K` retrains them).
    public struct TrialRecord: Sendable, Equatable {
        /// 1 for the first network trained, in the order the search trained them.
        public var number: Int
        public var decisions: [Int]
        public var parameters: Int
        /// The value the search was told (lower is better).
        public var value: Double
        public var validationAccuracy: Double
        /// Test accuracy after the trial's short training (reported, never used to select).
        public var testAccuracy: Double

        /// The trial as a `kind: "nas-trial"` line; `strategy`, `seed`, `options` and `settings`
        /// are the row's, so that the line can be matched to its search.
        public func json(strategy: String, seed: UInt64, options: JSON?, settings: JSON?) -> JSON {
            var object: JSONObject = [
                "kind": "nas-trial", "strategy": .string(strategy), "seed": .int(Int64(seed)), "number": .int(Int64(number)),
                "decisions": .array(decisions.map { .int(Int64($0)) }), "parameters": .int(Int64(parameters)),
                "value": .double(value), "validationAccuracy": .double(validationAccuracy), "testAccuracy": .double(testAccuracy),
            ]
            if let options { object["options"] = options }
            if let settings { object["settings"] = settings }
            return .object(object)
        }
    }
}

extension NASBenchmark.Row {
    /// The row's trained trials as `kind: "nas-trial"` lines, in the order they were trained.
    public var trialLines: [JSON] {
        trialRecords.map { $0.json(strategy: strategy, seed: seed, options: options, settings: settings) }
    }
}
