@testable import AutoMLBenchmarks
import AutoMLJSON
import Testing

@Suite struct NASRunRowsTests {
    static let settings: JSON = ["trials": 80, "epochs": 10, "objective": "validationLoss"]
    static let space: JSON = ["kind": "nasnet", "channels": 16]

    /// One `kind: "nas"` line as `automl bench nas` prints it (the members a comparison reads,
    /// and one it does not).
    static func line(_ strategy: String, seed: Int, validation: Double, final: Double?,
                     options: JSON? = nil, settings: JSON = settings) -> String {
        var object: JSONObject = ["kind": "nas", "strategy": .string(strategy), "seed": .int(Int64(seed)),
                                  "validationAccuracy": .double(validation), "topFiveValidationAccuracy": .double(validation - 0.01),
                                  "secondHalfValidationAccuracy": .double(validation - 0.02), "parameters": 50_000,
                                  "options": options ?? ["space": space], "settings": settings]
        if let final { object["finalTestAccuracy"] = .double(final) }
        return JSON.object(object).serialized()
    }

    static let evolution: JSON = ["space": space, "population": 10, "sample": 5]

    @Test func rowsFromSeparateRunsArePairedBySeed() throws {
        var rows = NASRunRows()
        // Evolution in one file (seeds 0-2), random search in two (seeds 0-1, then 2 and a
        // seed evolution did not run), with other kinds of lines between.
        try rows.read([Self.line("regularized-evolution", seed: 0, validation: 0.99, final: 0.99, options: Self.evolution),
                       #"{"kind": "nas-median", "strategy": "regularized-evolution"}"#,
                       Self.line("regularized-evolution", seed: 1, validation: 0.98, final: 0.985, options: Self.evolution),
                       Self.line("regularized-evolution", seed: 2, validation: 0.97, final: 0.97, options: Self.evolution), ""]
            .joined(separator: "\n"), name: "evolution.jsonl")
        try rows.read([Self.line("nas-random", seed: 0, validation: 0.98, final: 0.98),
                       Self.line("nas-random", seed: 1, validation: 0.98, final: 0.98)].joined(separator: "\n"), name: "random-a.jsonl")
        try rows.read([Self.line("nas-random", seed: 2, validation: 0.98, final: 0.98),
                       Self.line("nas-random", seed: 7, validation: 0.90, final: 0.90)].joined(separator: "\n"), name: "random-b.jsonl")
        let (pairings, unpaired) = rows.pairings(baseline: "nas-random")
        #expect(unpaired.isEmpty)
        let pairing = try #require(pairings.first)
        #expect(pairings.count == 1 && pairing.pairs.map(\.0.seed) == [0, 1, 2])
        let comparison = pairing.comparison
        #expect(comparison.seeds == 3)
        #expect(comparison.validation.wins == 1 && comparison.validation.ties == 1 && comparison.validation.losses == 1)
        let finalTest = try #require(comparison.finalTest)
        #expect(finalTest.wins == 2 && finalTest.losses == 1)
        #expect(abs(finalTest.meanDifference - (0.01 + 0.005 - 0.01) / 3) < 1e-12)
        #expect(pairing.json["options"] == Self.evolution)
        #expect(pairing.json["paired"]?["finalTest"]?["wins"] == 2)
    }

    @Test func searchesOfOtherSettingsOrSpacesAreNotPaired() throws {
        var rows = NASRunRows()
        var other = Self.settings.objectValue ?? [:]
        other["epochs"] = 20
        try rows.read([Self.line("regularized-evolution", seed: 0, validation: 0.99, final: nil, options: Self.evolution),
                       Self.line("nas-random", seed: 0, validation: 0.98, final: nil, settings: .object(other)),
                       Self.line("nas-random", seed: 0, validation: 0.98, final: nil, options: ["space": ["kind": "mnasnet"]])]
            .joined(separator: "\n"), name: "runs.jsonl")
        let (pairings, unpaired) = rows.pairings(baseline: "nas-random")
        #expect(pairings.isEmpty)
        #expect(unpaired.count == 1 && unpaired[0].contains("no nas-random rows with the same space and settings"))
    }

    @Test func aSeedReadTwiceMustGiveTheSameFigures() throws {
        var rows = NASRunRows()
        let first = Self.line("nas-random", seed: 3, validation: 0.98, final: 0.98)
        try rows.read(first, name: "a.jsonl")
        try rows.read(first, name: "copy.jsonl")  // the same run read again: one row
        #expect(rows.groups.count == 1 && rows.groups[0].entries.count == 1)
        let contradicting = Self.line("nas-random", seed: 3, validation: 0.97, final: 0.98)
        let error = #expect(throws: NASRunRows.ReadError.self) {
            try rows.read(Self.line("nas-random", seed: 4, validation: 0.9, final: nil) + "\n" + contradicting, name: "b.jsonl")
        }
        #expect(error?.description == "b.jsonl:2: a second nas-random row for seed 3 with other figures (the first: a.jsonl:1)")
        // Nothing of the refused file was kept, not even its good first line.
        #expect(rows.groups[0].entries.map(\.figures.seed) == [3])
    }

    @Test func aLineThatIsNotARowIsRefusedWithItsPlace() throws {
        var rows = NASRunRows()
        let notJSON = #expect(throws: NASRunRows.ReadError.self) {
            try rows.read(Self.line("nas-random", seed: 0, validation: 0.98, final: nil) + "\nregularized-evolution seed 0: trial 1/80",
                          name: "mixed.txt")
        }
        #expect(notJSON?.source == "mixed.txt:2")
        let missing = #expect(throws: NASRunRows.ReadError.self) {
            try rows.read(#"{"kind": "nas", "strategy": "nas-random", "seed": 0, "validationAccuracy": 0.9}"#, name: "old.jsonl")
        }
        #expect(missing?.description == "old.jsonl:1: topFiveValidationAccuracy: missing from the row")
        let badSeed = #expect(throws: NASRunRows.ReadError.self) {
            try rows.read(#"{"kind": "nas", "strategy": "nas-random", "seed": "zero"}"#, name: "bad.jsonl")
        }
        #expect(badSeed?.description == "bad.jsonl:1: seed: expected a non-negative integer")
        #expect(rows.groups.isEmpty)
    }

    /// The rows a benchmark prints read back to the figures it compared in its own run.
    @Test func aPrintedRowReadsBackToItsFigures() throws {
        var benchmark = NASBenchmark()
        benchmark.trials = 80
        let row = NASBenchmark.Row(strategy: "nas-random", seed: 4, trials: 80, validationAccuracy: 0.9875, topFiveValidationAccuracy: 0.98,
                                   secondHalfValidationAccuracy: 0.97, testAccuracy: 0.98, finalTestAccuracy: 0.99, parameters: 1,
                                   macs: 1, cpuSeconds: 1, genotype: .null, decisions: [], options: ["space": Self.space],
                                   settings: benchmark.settings)
        let figures = try NASBenchmark.SeedFigures(json: JSON.parse(row.json(references: []).serialized()))
        #expect(figures.seed == 4 && figures.validationAccuracy == 0.9875 && figures.finalTestAccuracy == 0.99)
        #expect(figures.settings == benchmark.settings && figures.settings["trials"] == 80)
        #expect(figures.options == ["space": Self.space])
    }
}
