import ArgumentParser
import AutoMLEngine
import AutoMLServer
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// `automl serve`: JSON-RPC 2.0 on stdin/stdout, LSP-framed or one JSON text per line.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve JSON-RPC 2.0 on stdin/stdout (Content-Length framed or one JSON text per line).")

    @Option(help: "Where session journals live (default: $AUTOML_DATA_DIR, else the XDG state dir ~/.local/state/automl).")
    var dataDir: String?

    @Option(help: "Log level on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    @Option(help: "fsync per journal event (always), at most every 200 ms (batch), or never (none).")
    var durability: Durability = .always

    @Option(help: "The largest message accepted, in bytes.")
    var maxMessageBytes: Int = 64 << 20

    func validate() throws {
        guard maxMessageBytes >= 1024 else { throw ValidationError("--max-message-bytes must be at least 1024") }
    }

    func run() async throws {
        let logger = CLILogging.bootstrap(level: logLevel)
        let code = await Daemon.serve(
            .init(dataDir: DataDirectory.resolve(explicit: dataDir), durability: durability, maxMessageBytes: maxMessageBytes),
            logger: logger)
        throw ExitCode(code)
    }
}

extension Durability: ExpressibleByArgument {}
