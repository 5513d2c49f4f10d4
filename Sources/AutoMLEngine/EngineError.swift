/// The engine's own errors. Each has a stable code from 1000 up (outside the ranges JSON-RPC and
/// LSP reserve), listed in `schemas/openrpc.json`.
public enum EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownSession(String)
    case unknownTrial(sessionId: String, trialId: Int)
    case trialFinished(trialId: Int, state: String)
    case sessionClosed(String)
    case cannotServe(String)
    case unknownStrategy(String)
    case journalCorrupt(String)
    case storage(String)
    case sessionExists(String)
    case replayDiverged(sessionId: String, event: Int, detail: String)

    /// The stable error code on the wire.
    public var code: Int {
        switch self {
        case .unknownSession: return 1000
        case .unknownTrial: return 1001
        case .trialFinished: return 1002
        case .sessionClosed: return 1003
        case .cannotServe: return 1004
        case .unknownStrategy: return 1005
        case .journalCorrupt: return 1006
        case .storage: return 1007
        case .sessionExists: return 1008
        case .replayDiverged: return 1009
        }
    }

    public var description: String {
        switch self {
        case .unknownSession(let id): return "unknown session \"\(id)\""
        case .unknownTrial(let sessionId, let trialId): return "session \"\(sessionId)\" has no trial \(trialId)"
        case .trialFinished(let trialId, let state): return "trial \(trialId) is \(state), not pending"
        case .sessionClosed(let id): return "session \"\(id)\" is closed; session/open reopens it"
        case .cannotServe(let reason): return reason
        case .unknownStrategy(let reason): return reason
        case .journalCorrupt(let reason): return reason
        case .storage(let reason): return "storage failed: \(reason)"
        case .sessionExists(let id): return "a session \"\(id)\" already exists"
        case .replayDiverged(let id, let event, let detail):
            return "replaying session \"\(id)\" diverged at event \(event): \(detail)"
        }
    }
}
