import AutoMLEngine
import AutoMLJSON
import AutoMLRPC
import Logging

/// `automl serve`: the engine behind JSON-RPC on standard input and output.
public enum Daemon {
    public struct Configuration: Sendable {
        public var dataDir: String
        public var durability: Durability
        public var maxMessageBytes: Int

        public init(dataDir: String, durability: Durability = .always, maxMessageBytes: Int = 64 << 20) {
            self.dataDir = dataDir
            self.durability = durability
            self.maxMessageBytes = maxMessageBytes
        }
    }

    /// Serves stdin/stdout until end of input or `exit`; returns the process exit code.
    public static func serve(_ configuration: Configuration, logger: Logger) async -> Int32 {
        OutputChannel.ignoreSIGPIPE()
        let engine = Engine(dataDir: configuration.dataDir, durability: configuration.durability, logger: logger)
        let output = OutputChannel(fileDescriptor: 1)
        let input = InputChannel(fileDescriptor: 0, maxMessageBytes: configuration.maxMessageBytes)
        let server = makeServer(engine: engine, logger: logger) { bytes in try output.write(bytes) }
        logger.info("serving on stdio; data dir \(configuration.dataDir)")
        let ending = await server.run(input.readItems())
        logger.info("stopping: \(ending)")
        return ending.exitCode
    }

    /// A server over any byte sink: the daemon's, and the tests' in-memory one.
    public static func makeServer(
        engine: Engine, logger: Logger, output: @escaping @Sendable ([UInt8]) throws -> Void
    ) -> RPCServer<ServerContext> {
        let context = ServerContext(engine: engine)
        let hooks = RPCServer<ServerContext>.Hooks(
            initializeResult: { _ in initializeResult(version: context.version) },
            flush: { await engine.shutdown() })
        return RPCServer(registry: ServerMethods.registry, context: context, hooks: hooks, logger: logger, output: output)
    }

    /// What `initialize` answers: who we are and what we serve.
    public static func initializeResult(version: String) -> JSON {
        .object([
            "serverInfo": .object(["name": "automl", "version": .string(version)]),
            "protocolVersion": .string(AutoMLVersion.protocolVersion),
            "capabilities": .object([
                "strategies": .array(StrategyNames.all.map { .string($0) }),
                "methods": .array(ServerMethods.registry.names.map { .string($0) }),
                "framings": ["content-length", "line"],
                "workDoneProgress": true,
                "cancellation": true,
            ]),
        ])
    }
}
