import ArgumentParser
import AutoMLJSON
import AutoMLNAS

/// `automl architecture`: renders an architecture space's decision vector as the architecture
/// a suggestion would carry, so a found network can be trained again or built elsewhere.
struct ArchitectureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "architecture",
        abstract: "Print the architecture (decisions, genotype, model) that a decision vector names in a space.",
        discussion: """
            Search results keep an architecture as its decisions (session/trials, bench nas rows). This prints \
            the whole architecture as one JSON object; its "model" trains with \
            `automl train --config '{"model": ...}'` or builds in another framework (Documentation/NAS.md).
            """)

    @Option(help: "The architecture space as JSON, e.g. {\"kind\":\"nasnet\",\"channels\":16} (default: the NASNet cell space for MNIST-1D).")
    var space: String?

    @Option(help: "The decision vector as a JSON array of integers.")
    var decisions: String

    @Flag(help: "Print only the model description.")
    var modelOnly = false

    func run() throws {
        do {
            let spaceJSON = try space.map { text throws(JSONFieldError) in try Self.parse(text, option: "space") }
            let architecture = try ArchitectureSpaces.render(space: spaceJSON, decisions: try Self.parse(decisions, option: "decisions"))
            let output = modelOnly ? (architecture.model?.json ?? .null) : architecture.json
            print(output.serialized())
        } catch {
            FileHandleStderr.write("automl architecture: \(error)\n")
            throw ExitCode(2)
        }
    }

    private static func parse(_ text: String, option: String) throws(JSONFieldError) -> JSON {
        do { return try JSON.parse(Array(text.utf8)) } catch {
            throw JSONFieldError(path: option, reason: "not JSON: \(error)")
        }
    }
}
