import AutoMLJSON

/// The rows of earlier `automl bench nas` runs, read back so that strategies searched in
/// separate processes, or extended later with `--first-seed`, are compared seed by seed as if
/// they had run together (`automl bench nas-compare`).
///
/// A search is known by its strategy, its options (space, population, ...) and the benchmark's
/// settings (trials, epochs, objective, final retraining): rows that share all three form one
/// group, and a group is compared with the baseline's group of the same space and settings.
/// The searches are deterministic, so a seed read twice must give the same figures; two
/// different rows for one seed of one group are an error naming both lines.
public struct NASRunRows: Sendable {
    /// One row and where it was read.
    public struct Entry: Sendable {
        public var figures: NASBenchmark.SeedFigures
        /// `file:line`.
        public var source: String
    }

    /// The rows of one strategy, options and settings, in seed order.
    public struct Group: Sendable {
        public var strategy: String
        public var options: JSON
        public var settings: JSON
        public var entries: [Entry]
        public var figures: [NASBenchmark.SeedFigures] { entries.map(\.figures) }
    }

    /// A line that is not a row, or a row that contradicts an earlier one.
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public var source: String
        public var reason: String
        public var description: String { "\(source): \(reason)" }
    }

    public private(set) var groups: [Group] = []

    public init() {}

    /// Reads the `kind: "nas"` lines of `text` (JSON lines as `automl bench nas` prints them);
    /// other kinds (medians, references, comparisons) and blank lines are skipped.
    /// - Parameter name: the file's name, for `source` and errors.
    /// - Throws: `ReadError` at the first line that is not JSON, a row missing a figure, or a
    ///   seed whose figures differ from the same group's earlier row; nothing is added then.
    public mutating func read(_ text: String, name: String) throws {
        var copy = self
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let source = "\(name):\(index + 1)"
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            let json: JSON
            do { json = try JSON.parse(String(line)) } catch { throw ReadError(source: source, reason: "not a JSON text (\(error))") }
            guard json["kind"]?.stringValue == "nas" else { continue }
            let figures: NASBenchmark.SeedFigures
            do { figures = try NASBenchmark.SeedFigures(json: json) } catch let error as JSONFieldError {
                throw ReadError(source: source, reason: "\(error.path): \(error.reason)")
            }
            try copy.add(Entry(figures: figures, source: source))
        }
        self = copy
    }

    mutating func add(_ entry: Entry) throws {
        let f = entry.figures
        guard let g = groups.firstIndex(where: { $0.strategy == f.strategy && $0.options == f.options && $0.settings == f.settings }) else {
            groups.append(Group(strategy: f.strategy, options: f.options, settings: f.settings, entries: [entry]))
            return
        }
        if let earlier = groups[g].entries.first(where: { $0.figures.seed == f.seed }) {
            let e = earlier.figures
            guard e.validationAccuracy == f.validationAccuracy && e.topFiveValidationAccuracy == f.topFiveValidationAccuracy
                && e.secondHalfValidationAccuracy == f.secondHalfValidationAccuracy && e.finalTestAccuracy == f.finalTestAccuracy
            else {
                throw ReadError(source: entry.source,
                                reason: "a second \(f.strategy) row for seed \(f.seed) with other figures (the first: \(earlier.source))")
            }
            return
        }
        groups[g].entries.append(entry)
        groups[g].entries.sort { $0.figures.seed < $1.figures.seed }
    }

    /// A group and the baseline's group it is compared with.
    public struct Pairing: Sendable {
        public var group: Group
        public var baseline: Group
        public var comparison: NASBenchmark.Comparison

        /// The seeds both ran, with the group's figures and the baseline's.
        public var pairs: [(NASBenchmark.SeedFigures, NASBenchmark.SeedFigures)] {
            group.figures.compactMap { f in baseline.figures.first { $0.seed == f.seed }.map { (f, $0) } }
        }

        /// The comparison's line, with the group's options and settings (two groups of one
        /// strategy differ by them).
        public var json: JSON {
            var object = comparison.json.objectValue ?? [:]
            object["options"] = group.options
            object["settings"] = group.settings
            return .object(object)
        }
    }

    /// Each group of a strategy other than `baseline` against the baseline's group of the same
    /// space and settings; `unpaired` names the groups that have none, or no seed in common.
    public func pairings(baseline: String) -> (pairings: [Pairing], unpaired: [String]) {
        var pairings: [Pairing] = [], unpaired: [String] = []
        for group in groups where group.strategy != baseline {
            let match = groups.first {
                $0.strategy == baseline && $0.settings == group.settings && $0.options["space"] == group.options["space"]
            }
            guard let match else {
                unpaired.append("\(group.strategy) \(Self.describe(group)): no \(baseline) rows with the same space and settings")
                continue
            }
            let comparison = NASBenchmark.Comparison(group.figures, baseline: match.figures)
            guard comparison.seeds > 0 else {
                unpaired.append("\(group.strategy) \(Self.describe(group)): no seed in common with \(baseline)")
                continue
            }
            pairings.append(Pairing(group: group, baseline: match, comparison: comparison))
        }
        return (pairings, unpaired)
    }

    static func describe(_ group: Group) -> String {
        "(options \(group.options.serialized()), settings \(group.settings.serialized()))"
    }
}
