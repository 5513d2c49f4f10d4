import ArgumentParser
import AutoMLServer

/// `automl`: the AutoML engine's command line.
@main
struct AutoMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "automl",
        abstract: "An AutoML engine served as a JSON-RPC 2.0 daemon on stdio.",
        version: AutoMLVersion.current,
        subcommands: [Run.self, Serve.self, Call.self, Train.self, ArchitectureCommand.self, Bench.self]
    )
}
