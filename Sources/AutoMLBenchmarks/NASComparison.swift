import AutoMLJSON

extension NASBenchmark {
    /// What a comparison reads of one search: its seed and the accuracies it is judged on. Made
    /// from a `Row` in the run that measured it, or from the row's JSON line afterwards, so that
    /// searches run in separate processes (or on separate days, with `--first-seed`) can be
    /// compared seed by seed.
    public struct SeedFigures: Sendable {
        public var strategy: String
        public var seed: UInt64
        /// The strategy options the search ran with (`null` when the row has none).
        public var options: JSON
        /// The benchmark settings the search ran with (`null` for rows of builds before them).
        public var settings: JSON
        public var validationAccuracy: Double
        public var topFiveValidationAccuracy: Double
        public var secondHalfValidationAccuracy: Double
        public var finalTestAccuracy: Double?

        public init(_ row: Row) {
            strategy = row.strategy
            seed = row.seed
            options = row.options ?? .null
            settings = row.settings ?? .null
            validationAccuracy = row.validationAccuracy
            topFiveValidationAccuracy = row.topFiveValidationAccuracy
            secondHalfValidationAccuracy = row.secondHalfValidationAccuracy
            finalTestAccuracy = row.finalTestAccuracy
        }

        /// Reads a `kind: "nas"` row as `automl bench nas` prints it.
        /// - Throws: `JSONFieldError` naming the missing or mistyped member.
        public init(json: JSON) throws {
            func member(_ key: String) throws -> JSON {
                guard let value = json[key] else { throw JSONFieldError(path: key, reason: "missing from the row") }
                return value
            }
            func accuracy(_ key: String) throws -> Double {
                guard let value = try member(key).doubleValue else { throw JSONFieldError(path: key, reason: "expected a number") }
                return value
            }
            guard let strategy = try member("strategy").stringValue else {
                throw JSONFieldError(path: "strategy", reason: "expected a string")
            }
            guard let seed = try member("seed").intValue, seed >= 0 else {
                throw JSONFieldError(path: "seed", reason: "expected a non-negative integer")
            }
            self.strategy = strategy
            self.seed = UInt64(seed)
            options = json["options"] ?? .null
            settings = json["settings"] ?? .null
            validationAccuracy = try accuracy("validationAccuracy")
            topFiveValidationAccuracy = try accuracy("topFiveValidationAccuracy")
            secondHalfValidationAccuracy = try accuracy("secondHalfValidationAccuracy")
            finalTestAccuracy = json["finalTestAccuracy"] == nil ? nil : try accuracy("finalTestAccuracy")
        }
    }

    /// A strategy against random search, seed by seed (the same seed gives both the same
    /// training recipe and data split, so the pairs differ only by the search).
    ///
    /// Each ratio is an error ratio, strategy over random (below 1: the strategy found better),
    /// the median over the seeds both ran: the best validation error, the mean of the five
    /// best validation errors, the mean validation error of the second half of the trials, and
    /// the final test error when the found networks were retrained. `paired` holds the same four
    /// accuracies as paired differences (strategy minus random) with their sign tests.
    public struct Comparison: Sendable {
        public var strategy: String
        public var seeds: Int
        public var validationErrorRatio: Double
        public var topFiveErrorRatio: Double
        public var secondHalfErrorRatio: Double
        public var finalTestErrorRatio: Double?
        public var validation: PairedDifference
        public var topFive: PairedDifference
        public var secondHalf: PairedDifference
        /// Over the seeds where both searches were retrained.
        public var finalTest: PairedDifference?

        /// Seeds where the strategy's accuracy is strictly higher.
        public var wins: (validation: Int, topFive: Int, secondHalf: Int, finalTest: Int) {
            (validation.wins, topFive.wins, secondHalf.wins, finalTest?.wins ?? 0)
        }

        public init(_ rows: [Row], baseline: [Row]) {
            self.init(rows.map(SeedFigures.init), baseline: baseline.map(SeedFigures.init))
        }

        public init(_ rows: [SeedFigures], baseline: [SeedFigures]) {
            let pairs = rows.compactMap { row in baseline.first { $0.seed == row.seed }.map { (row, $0) } }
            strategy = rows.first?.strategy ?? ""
            seeds = pairs.count
            func ratio(_ a: Double, _ b: Double) -> Double { (1 - a) / max(1 - b, 1e-9) }
            func figures(_ figure: (SeedFigures) -> Double) -> [(Double, Double)] { pairs.map { (figure($0), figure($1)) } }
            let validationPairs = figures(\.validationAccuracy)
            let topFivePairs = figures(\.topFiveValidationAccuracy)
            let secondHalfPairs = figures(\.secondHalfValidationAccuracy)
            let finalPairs = pairs.compactMap { a, b in a.finalTestAccuracy.flatMap { x in b.finalTestAccuracy.map { (x, $0) } } }
            validationErrorRatio = Self.median(validationPairs.map(ratio))
            topFiveErrorRatio = Self.median(topFivePairs.map(ratio))
            secondHalfErrorRatio = Self.median(secondHalfPairs.map(ratio))
            finalTestErrorRatio = finalPairs.isEmpty ? nil : Self.median(finalPairs.map(ratio))
            validation = PairedDifference(pairs: validationPairs)
            topFive = PairedDifference(pairs: topFivePairs)
            secondHalf = PairedDifference(pairs: secondHalfPairs)
            finalTest = finalPairs.isEmpty ? nil : PairedDifference(pairs: finalPairs)
        }

        public var json: JSON {
            var paired: JSONObject = ["validation": .object(validation.json), "topFive": .object(topFive.json),
                                      "secondHalf": .object(secondHalf.json)]
            if let finalTest { paired["finalTest"] = .object(finalTest.json) }
            var object: JSONObject = [
                "kind": "nas-versus-random", "strategy": .string(strategy), "seeds": .int(Int64(seeds)),
                "validationErrorRatio": .double(validationErrorRatio), "topFiveErrorRatio": .double(topFiveErrorRatio),
                "secondHalfErrorRatio": .double(secondHalfErrorRatio),
                "wins": ["validation": .int(Int64(wins.validation)), "topFive": .int(Int64(wins.topFive)),
                         "secondHalf": .int(Int64(wins.secondHalf)), "finalTest": .int(Int64(wins.finalTest))],
                "paired": .object(paired),
            ]
            if let finalTestErrorRatio { object["finalTestErrorRatio"] = .double(finalTestErrorRatio) }
            return .object(object)
        }

        /// One line for people: the ratios, the seeds won, lost and level, and the sign test.
        public var summary: String {
            func f(_ x: Double) -> String { String(format: "%.2f", x) }
            func record(_ d: PairedDifference) -> String {
                "won \(d.wins), level \(d.ties), lost \(d.losses); sign test p = \(String(format: "%.3g", d.signTestP))"
            }
            var line = "\(strategy) / nas-random error ratios (median of \(seeds) seeds): best validation \(f(validationErrorRatio)) "
                + "(\(record(validation))), top-5 validation \(f(topFiveErrorRatio)) (\(record(topFive))), "
                + "second half of the trials \(f(secondHalfErrorRatio)) (\(record(secondHalf)))"
            if let finalTestErrorRatio, let finalTest {
                line += ", final test \(f(finalTestErrorRatio)) (\(record(finalTest)); mean difference "
                    + "\(String(format: "%+.2f", finalTest.meanDifference * 100)) ± \(String(format: "%.2f", finalTest.standardError * 100)) points)"
            }
            return line
        }

        static func median(_ values: [Double]) -> Double {
            values.isEmpty ? .nan : Quartiles(values).median
        }
    }
}
