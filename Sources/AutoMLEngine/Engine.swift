import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import AutoMLStrategies
import Foundation
import Logging

/// The sessions of one data directory: creates them, finds them (loading stored ones from their
/// journals on first use), lists and closes them.
///
/// ```swift
/// let engine = Engine(dataDir: "/tmp/automl")
/// let session = try await engine.create(CreateRequest(strategy: "random", space: space))
/// let reply = try await session.ask(count: 1, clientId: nil)
/// ```
public actor Engine {
    public nonisolated let dataDir: String?
    public nonisolated let durability: Durability
    let logger: Logger
    var sessions: [String: Session] = [:]
    var systemSeeds = SystemRandomNumberGenerator()

    /// - Parameter dataDir: where journals live; nil keeps sessions in memory only.
    public init(dataDir: String?, durability: Durability = .always, logger: Logger = Logger(label: "automl.engine")) {
        self.dataDir = dataDir
        self.durability = durability
        self.logger = logger
    }

    // MARK: - Sessions

    /// Creates a session and journals its create event.
    public func create(_ request: CreateRequest) throws -> Session {
        let id = try request.sessionId.map { id in
            guard SessionSpec.isValidId(id) else {
                throw JSONFieldError(path: "params.sessionId", reason: "a session id is 1 to 64 letters, digits, '.', '_' or '-', not starting with '.'")
            }
            return id
        } ?? newSessionId()
        if sessions[id] != nil || journalExists(id) { throw EngineError.sessionExists(id) }
        // Seeds are drawn from the system only when the client gives none; the drawn seed is
        // journaled, so replay never needs the system generator.
        let seed = request.seed ?? (systemSeeds.next() >> 1)
        let spec = SessionSpec(
            id: id, name: request.name, strategyName: request.strategyName, strategyOptions: request.strategyOptions,
            space: request.space, objectives: request.objectives, seed: seed, pruner: request.pruner)
        let session = try Session.create(spec: spec, journalPath: journalPath(id), durability: durability)
        sessions[id] = session
        logger.info("session \(id) created: strategy \(spec.strategyName), seed \(seed)")
        return session
    }

    /// The session `id`, loading it from its journal when it is stored but not in memory.
    public func session(_ id: String) throws -> Session {
        if let session = sessions[id] { return session }
        guard SessionSpec.isValidId(id), let path = journalPath(id), FileManager.default.fileExists(atPath: path) else {
            throw EngineError.unknownSession(id)
        }
        let (session, repaired) = try Session.load(path: path, durability: durability)
        if repaired { logger.warning("session \(id): a torn last journal line was truncated") }
        sessions[id] = session
        return session
    }

    /// Opens a stored session (replaying its journal) and reopens it if it was closed.
    public func open(_ id: String) async throws -> Session {
        let session = try session(id)
        try await session.reopen()
        return session
    }

    /// Closes a session and releases it from memory; its journal stays.
    public func close(_ id: String) async throws {
        let session = try session(id)
        try await session.close()
        await session.release()
        sessions[id] = nil
    }

    /// Sessions in memory and on disk, by id.
    public func list() async -> [JSON] {
        var ids = Set(sessions.keys)
        if let dir = dataDir.map({ $0 + "/sessions" }),
            let files = try? FileManager.default.contentsOfDirectory(atPath: dir)
        {
            for file in files where file.hasSuffix(".jsonl") { ids.insert(String(file.dropLast(6))) }
        }
        var result: [JSON] = []
        for id in ids.sorted() {
            if let session = sessions[id] {
                let closed = await session.isClosed
                let count = await session.trials.count
                var entry: JSONObject = [
                    "sessionId": .string(id), "strategy": .string(session.spec.strategyName),
                    "loaded": true, "closed": .bool(closed), "trials": .int(Int64(count)),
                ]
                if let name = session.spec.name { entry["name"] = .string(name) }
                result.append(.object(entry))
            } else {
                result.append(.object(["sessionId": .string(id), "loaded": false]))
            }
        }
        return result
    }

    /// Syncs every journal (the `batch` durability's deferred fsyncs).
    public func flush() async {
        for session in sessions.values { await session.flush() }
    }

    /// Syncs and releases every session's journal: at shutdown and end of input. Sessions are
    /// loaded again from disk if used afterwards.
    public func shutdown() async {
        for session in sessions.values {
            await session.flush()
            await session.release()
        }
        sessions.removeAll()
    }

    // MARK: - Paths

    func journalPath(_ id: String) -> String? {
        dataDir.map { DataDirectory.journalPath(dataDir: $0, sessionId: id) }
    }

    func journalExists(_ id: String) -> Bool {
        journalPath(id).map { FileManager.default.fileExists(atPath: $0) } ?? false
    }

    func newSessionId() -> String {
        while true {
            let id = String(systemSeeds.next() & 0xFFFF_FFFF_FFFF, radix: 16).leftPadded(to: 12)
            if sessions[id] == nil && !journalExists(id) { return id }
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
