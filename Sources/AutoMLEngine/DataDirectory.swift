import Foundation

/// Where sessions are stored when no `--data-dir` is given.
///
/// `$AUTOML_DATA_DIR` if set; else `$XDG_STATE_HOME/automl`; else `~/.local/state/automl` (the
/// XDG state directory); else `./.automl` when there is no home directory.
public enum DataDirectory {
    public static func resolve(explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let dir = environment["AUTOML_DATA_DIR"], !dir.isEmpty { return dir }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/automl" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.local/state/automl" }
        return FileManager.default.currentDirectoryPath + "/.automl"
    }

    /// The journal of session `id` under `dataDir`.
    public static func journalPath(dataDir: String, sessionId: String) -> String {
        "\(dataDir)/sessions/\(sessionId).jsonl"
    }
}
