import AutoMLRPC
import AutoMLEngine
import AutoMLJSON

/// What every method handler receives: the engine and facts about this build.
public struct ServerContext: Sendable {
    public let engine: Engine
    public let version: String

    public init(engine: Engine, version: String = AutoMLVersion.current) {
        self.engine = engine
        self.version = version
    }

    /// The session named by a request, loading it from disk when needed.
    func session(_ id: String) async throws -> Session {
        try await engine.session(id)
    }
}

/// The version printed by `automl --version` and returned by `initialize`.
public enum AutoMLVersion {
    public static let current = "0.1.0"
    /// The protocol version of DESIGN.md's contract.
    public static let protocolVersion = "1.0"
}

/// A method of `automl serve`: every handler receives the `ServerContext`.
public protocol ServerMethod: RPCMethod where Context == ServerContext {}
