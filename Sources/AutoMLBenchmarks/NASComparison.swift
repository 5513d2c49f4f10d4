import AutoMLJSON

extension NASBenchmark {
    /// A strategy against random search in the same run, seed by seed (the same seed gives both
    /// the same training recipe and data split, so the pairs differ only by the search).
    ///
    /// Each figure is an error ratio, strategy over random (below 1: the strategy found better),
    /// the median over the seeds both ran: the best validation error, the mean of the five
    /// best validation errors, the mean validation error of the second half of the trials, and
    /// the final test error when the found networks were retrained.
    /// `wins` counts the seeds where the strategy's figure is strictly better.
    public struct Comparison: Sendable {
        public var strategy: String
        public var seeds: Int
        public var validationErrorRatio: Double
        public var topFiveErrorRatio: Double
        public var secondHalfErrorRatio: Double
        public var finalTestErrorRatio: Double?
        public var wins: (validation: Int, topFive: Int, secondHalf: Int, finalTest: Int)

        public init(_ rows: [Row], baseline: [Row]) {
            let pairs = rows.compactMap { row in baseline.first { $0.seed == row.seed }.map { (row, $0) } }
            strategy = rows.first?.strategy ?? ""
            seeds = pairs.count
            func ratio(_ a: Double, _ b: Double) -> Double { (1 - a) / max(1 - b, 1e-9) }
            validationErrorRatio = Self.median(pairs.map { ratio($0.validationAccuracy, $1.validationAccuracy) })
            topFiveErrorRatio = Self.median(pairs.map { ratio($0.topFiveValidationAccuracy, $1.topFiveValidationAccuracy) })
            secondHalfErrorRatio = Self.median(pairs.map { ratio($0.secondHalfValidationAccuracy, $1.secondHalfValidationAccuracy) })
            let finals = pairs.compactMap { a, b in a.finalTestAccuracy.flatMap { x in b.finalTestAccuracy.map { ratio(x, $0) } } }
            finalTestErrorRatio = finals.isEmpty ? nil : Self.median(finals)
            wins = (pairs.filter { $0.validationAccuracy > $1.validationAccuracy }.count,
                    pairs.filter { $0.topFiveValidationAccuracy > $1.topFiveValidationAccuracy }.count,
                    pairs.filter { $0.secondHalfValidationAccuracy > $1.secondHalfValidationAccuracy }.count,
                    pairs.filter { a, b in (a.finalTestAccuracy ?? 0) > (b.finalTestAccuracy ?? 0) }.count)
        }

        public var json: JSON {
            var object: JSONObject = [
                "kind": "nas-versus-random", "strategy": .string(strategy), "seeds": .int(Int64(seeds)),
                "validationErrorRatio": .double(validationErrorRatio), "topFiveErrorRatio": .double(topFiveErrorRatio),
                "secondHalfErrorRatio": .double(secondHalfErrorRatio),
                "wins": ["validation": .int(Int64(wins.validation)), "topFive": .int(Int64(wins.topFive)),
                         "secondHalf": .int(Int64(wins.secondHalf)), "finalTest": .int(Int64(wins.finalTest))],
            ]
            if let finalTestErrorRatio { object["finalTestErrorRatio"] = .double(finalTestErrorRatio) }
            return .object(object)
        }

        /// One line for people: the ratios and the seeds won.
        public var summary: String {
            func f(_ x: Double) -> String { String(format: "%.2f", x) }
            var line = "\(strategy) / nas-random error ratios (median of \(seeds) seeds): best validation \(f(validationErrorRatio)) "
                + "(won \(wins.validation)), top-5 validation \(f(topFiveErrorRatio)) (won \(wins.topFive)), "
                + "second half of the trials \(f(secondHalfErrorRatio)) (won \(wins.secondHalf))"
            if let finalTestErrorRatio { line += ", final test \(f(finalTestErrorRatio)) (won \(wins.finalTest))" }
            return line
        }

        static func median(_ values: [Double]) -> Double {
            values.isEmpty ? .nan : Quartiles(values).median
        }
    }
}
