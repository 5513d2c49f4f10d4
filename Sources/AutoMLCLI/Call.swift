import ArgumentParser
import AutoMLEngine
import AutoMLJSON
import AutoMLRPC
import AutoMLServer
import Logging

/// `automl call METHOD [PARAMS]`: one request, in-process, for shell scripts.
struct Call: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one JSON-RPC method in-process and print its result as JSON.",
        discussion: """
            Sessions are stored in the data directory, so successive calls continue the same session:
              id=$(automl call session/create '{"strategy":"random","space":{"params":[{"name":"x","type":"float","low":0,"high":1}]}}' | jq -r .sessionId)
              automl call session/ask "{\\"sessionId\\":\\"$id\\"}"
            On error the JSON-RPC error object goes to stderr and the exit code is 1.
            """)

    @Argument(help: "The method, e.g. session/ask.")
    var method: String

    @Argument(help: "The params as a JSON object (default: none).")
    var params: String?

    @Option(help: "Where session journals live (default as for serve).")
    var dataDir: String?

    @Option(help: "Log level on stderr.")
    var logLevel: Logger.Level = .warning

    @Flag(help: "Pretty-print the result.")
    var pretty = false

    func run() async throws {
        let logger = CLILogging.bootstrap(level: logLevel)
        let engine = Engine(dataDir: DataDirectory.resolve(explicit: dataDir), logger: logger)
        let context = ServerContext(engine: engine)
        var parsed: JSON?
        if let params {
            do {
                parsed = try JSON.parse(params)
            } catch {
                printError(OutgoingMessage.error(id: .null, .parseError(error.description)))
                throw ExitCode(2)
            }
        }
        do {
            let result = try await ServerMethods.registry.call(method, params: parsed, context: context)
            print(pretty ? result.prettyPrinted() : result.serialized())
            await engine.flush()
        } catch {
            await engine.flush()
            printError(error.json)
            throw ExitCode(1)
        }
    }

    private func printError(_ value: JSON) {
        FileHandleStderr.write(value.serialized() + "\n")
    }
}
