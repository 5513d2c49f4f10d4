import AutoMLJSON

extension DataDirectory {
    /// The checkpoints of session `id`'s trials, one directory per trial id
    /// (`<dataDir>/checkpoints/<sessionId>/<trialId>/`), kept for multi-fidelity promotions.
    public static func checkpointRoot(dataDir: String, sessionId: String) -> String {
        "\(dataDir)/checkpoints/\(sessionId)"
    }
}

extension Engine {
    /// Where `Session.run` keeps the checkpoints of session `id`; nil without a data directory.
    public nonisolated func checkpointRoot(for sessionId: String) -> String? {
        dataDir.map { DataDirectory.checkpointRoot(dataDir: $0, sessionId: sessionId) }
    }

    /// Runs session `sessionId` with the embedded trainer as evaluator (`session/run`).
    ///
    /// - Parameters:
    ///   - evaluator: `{"kind": "trainer", "dataset", ...}` (see `TrainerEvaluatorSpec`).
    ///   - path: where `evaluator` sits in the request, for errors.
    /// - Throws: `EngineError.unknownSession`, `EngineError.sessionClosed`; `JSONFieldError` for
    ///   a bad evaluator (or a session the trainer cannot serve, at `params.sessionId`); then
    ///   whatever `Session.run` throws.
    public nonisolated func run(
        sessionId: String, evaluator: JSON, limits: RunLimits, path: String = "params.evaluator",
        progress: @Sendable (RunProgress) async -> Void = { _ in }
    ) async throws -> RunSummary {
        let session = try await session(sessionId)
        try await session.ensureOpen()
        let trainer = try await TrainerEvaluator.make(evaluator, session: session.spec, path: path)
        return try await session.run(evaluator: trainer, limits: limits, checkpointRoot: checkpointRoot(for: sessionId), progress: progress)
    }
}
