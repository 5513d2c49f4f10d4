import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import AutoMLStrategies

/// One ask/tell search: a seed, a space, objectives, a strategy and its trials.
///
/// An actor whose methods never suspend, so its events are applied one at a time. Each event is
/// applied in memory, appended to the journal, and only then answered; if the append fails, the
/// session rebuilds itself from the journal (which holds exactly the acknowledged events) and the
/// request fails with a storage error, so state and disk never disagree.
public actor Session {
    public nonisolated let spec: SessionSpec
    public nonisolated var id: String { spec.id }

    var state: SessionState
    var journal: Journal?

    /// A live session over a journal (nil journal: in memory only, for tests and benchmarks).
    init(spec: SessionSpec, state: SessionState, journal: Journal?) {
        self.spec = spec
        self.state = state
        self.journal = journal
    }

    /// A new session: creates its journal and records the create event.
    static func create(spec: SessionSpec, journalPath: String?, durability: Durability) throws -> Session {
        let state = try SessionState(spec: spec)
        var journal: Journal?
        if let journalPath {
            do {
                let created = try Journal.create(at: journalPath, durability: durability)
                try created.append(SessionEvent.create(spec).json())
                journal = created
            } catch {
                throw EngineError.storage(String(describing: error))
            }
        }
        return Session(spec: spec, state: state, journal: journal)
    }

    // MARK: - Events

    /// Hands out up to `count` trials: enqueued configs first, then the strategy's suggestions.
    /// A client that asks again with the same `clientId` before telling gets its pending trials back.
    public func ask(count: Int, clientId: String?) throws -> AskReply {
        try ensureOpen()
        if let clientId {
            let mine = state.pendingTrials(of: clientId)
            if !mine.isEmpty { return AskReply(trials: mine, waiting: false, exhausted: false) }
        }
        return try commit(.ask(count: count, clientId: clientId)) { state in try state.ask(count: count, clientId: clientId) }
            outcome: { reply in ["trials": .array(reply.trials.map(\.journalJSON)), "waiting": .bool(reply.waiting), "exhausted": .bool(reply.exhausted)] }
    }

    /// Records the result of a pending trial, with what else the evaluator measured
    /// (`metrics`, journaled and shown with the trial, never read by the strategy).
    public func tell(trialId: Int, state trialState: TrialState, values: [Double]?, budget: Double?, cost: Double?,
                     metrics: JSONObject? = nil) throws -> TrialRecord {
        try ensureOpen()
        return try commit(.tell(trialId: trialId, state: trialState, values: values, budget: budget, cost: cost, metrics: metrics)) { state in
            try state.tell(trialId: trialId, state: trialState, values: values, budget: budget, cost: cost, metrics: metrics)
        }
    }

    /// Records a result obtained elsewhere (warm start): a new, finished trial.
    /// - Parameter config: already validated against the space.
    public func warmStart(config: JSONObject, state trialState: TrialState, values: [Double]?, budget: Double?, cost: Double?,
                          metrics: JSONObject? = nil) throws -> TrialRecord {
        try ensureOpen()
        return try commit(.warmStart(config: config, state: trialState, values: values, budget: budget, cost: cost, metrics: metrics)) { state in
            try state.warmStart(config: config, state: trialState, values: values, budget: budget, cost: cost, metrics: metrics)
        }
    }

    /// An intermediate value; returns whether the trial should be pruned.
    public func report(trialId: Int, step: Double, value: Double) throws -> PruneDecision {
        try ensureOpen()
        return try commit(.report(trialId: trialId, step: step, value: value)) { state in
            try state.report(trialId: trialId, step: step, value: value)
        }
    }

    public func abandon(trialId: Int) throws -> TrialRecord {
        try ensureOpen()
        return try commit(.abandon(trialId: trialId)) { state in try state.abandon(trialId: trialId) }
    }

    /// Queues a fixed config (already validated): it is handed out before any suggestion.
    public func enqueue(config: JSONObject) throws -> TrialRecord {
        try ensureOpen()
        return try commit(.enqueue(config: config)) { state in state.enqueue(config: config) }
    }

    /// Closes the session: it stays on disk and `session/open` reopens it.
    public func close() throws {
        guard !state.closed else { return }
        try commit(.close) { state in state.closed = true }
        try? journal?.sync()
    }

    /// Reopens a closed session.
    public func reopen() throws {
        guard state.closed else { return }
        try commit(.reopen) { state in state.closed = false }
    }

    /// Syncs the journal to disk (the `batch` durability's deferred fsync).
    public func flush() {
        try? journal?.sync()
    }

    /// Releases the journal's file.
    func release() {
        journal?.close()
        journal = nil
    }

    // MARK: - Reads

    public var trials: [TrialRecord] { state.trials }
    public var isClosed: Bool { state.closed }

    public func trial(_ trialId: Int) throws -> TrialRecord {
        guard state.trials.indices.contains(trialId) else {
            throw EngineError.unknownTrial(sessionId: id, trialId: trialId)
        }
        return state.trials[trialId]
    }

    /// The best complete trial (one objective), or the Pareto set (several), by id.
    public func best() -> [TrialRecord] { state.best() }

    public func status() -> JSON { state.statusJSON() }

    // MARK: - Commit

    func ensureOpen() throws {
        if state.closed { throw EngineError.sessionClosed(id) }
    }

    /// Applies an event in memory, journals it, and answers; on a journal failure, rebuilds the
    /// state from the journal and throws.
    private func commit<T>(
        _ event: SessionEvent, _ apply: (inout SessionState) throws -> T,
        outcome: (T) -> JSONObject = { _ in [:] }
    ) throws -> T {
        let result: T
        do {
            result = try apply(&state)
        } catch let error as EngineError {
            throw error
        } catch {
            try rebuild()
            throw error
        }
        guard let journal else { return result }
        do {
            try journal.append(event.json(outcome: outcome(result)))
        } catch {
            try rebuild()
            throw EngineError.storage(String(describing: error))
        }
        return result
    }

    /// Replays the journal into a fresh state: exactly the acknowledged events.
    private func rebuild() throws {
        guard let journal else { return }
        let path = journal.path
        let durability = journal.durability
        journal.close()
        self.journal = nil
        let (reopened, replayed) = try Self.replay(path: path, durability: durability)
        self.journal = reopened
        self.state = replayed.state
    }
}

/// What `session/ask` answers.
public struct AskReply: Sendable, Hashable {
    public var trials: [TrialRecord]
    public var waiting: Bool
    public var exhausted: Bool
}
