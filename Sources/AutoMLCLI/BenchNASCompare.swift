import ArgumentParser
import AutoMLBenchmarks
import AutoMLJSON
import Foundation

/// `automl bench nas-compare`: the seed-by-seed comparison of `automl bench nas`, over rows
/// that separate runs printed.
struct BenchNASCompare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nas-compare",
        abstract: "Compare NAS strategies against random search over the rows of earlier `automl bench nas` runs.",
        discussion: """
            Reads the JSON lines that `automl bench nas` printed (files, or - for standard input), groups \
            the rows by strategy, options and settings, and pairs each group with the baseline's rows of \
            the same space and settings, seed by seed: strategies searched in separate processes, or seeds \
            added later with --first-seed, are compared as if they had run together. Prints one \
            nas-versus-random line per group (error ratios, seeds won, level and lost, sign tests, mean \
            differences) on stdout, and the pairs as a table on stderr.
            """)

    @Argument(help: "Files of `automl bench nas` output (- for standard input).")
    var files: [String]

    @Option(help: "The strategy the others are compared with.")
    var baseline = "nas-random"

    func run() throws {
        var rows = NASRunRows()
        for file in files {
            let text: String
            if file == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ValidationError("\(file): cannot be read")
                }
                text = String(decoding: data, as: UTF8.self)
            }
            do { try rows.read(text, name: file) } catch let error as NASRunRows.ReadError {
                throw ValidationError(error.description)
            }
        }
        let (pairings, unpaired) = rows.pairings(baseline: baseline)
        for note in unpaired { FileHandleStderr.write(note + "\n") }
        guard !pairings.isEmpty else {
            throw ValidationError("no strategy to compare with \(baseline): the files hold no pair of rows of the same seed, space and settings")
        }
        var table = BenchTable(columns: ["strategy", "seed", "val acc", "\(baseline) val", "final test", "\(baseline) final"])
        for pairing in pairings {
            for (figures, other) in pairing.pairs {
                table.add([figures.strategy, String(figures.seed), BenchNAS.percent(figures.validationAccuracy),
                           BenchNAS.percent(other.validationAccuracy), figures.finalTestAccuracy.map(BenchNAS.percent) ?? "-",
                           other.finalTestAccuracy.map(BenchNAS.percent) ?? "-"])
            }
        }
        table.write()
        for pairing in pairings {
            print(pairing.json.serialized())
            FileHandleStderr.write(pairing.comparison.summary + "\n")
        }
    }
}
