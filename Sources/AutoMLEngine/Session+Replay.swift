import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies

extension Session {
    /// A session rebuilt from its journal, and what replay found.
    struct Replayed {
        var state: SessionState
        var repairedTail: Bool
    }

    /// Opens the journal at `path` and replays it through a fresh strategy.
    ///
    /// - Throws: `EngineError.journalCorrupt` for damage before the tail, `.replayDiverged` when
    ///   an ask no longer yields the trials it recorded (a strategy changed between versions).
    static func replay(path: String, durability: Durability) throws -> (Journal, Replayed) {
        let opened: (journal: Journal, events: [JSON], repairedTail: Bool)
        do {
            opened = try Journal.open(at: path, durability: durability)
        } catch {
            switch error {
            case .missing: throw EngineError.unknownSession(path)
            case .corrupt: throw EngineError.journalCorrupt(error.description)
            case .io, .exists: throw EngineError.storage(error.description)
            }
        }
        do {
            let state = try replay(events: opened.events, path: path)
            return (opened.journal, Replayed(state: state, repairedTail: opened.repairedTail))
        } catch {
            opened.journal.close()
            throw error
        }
    }

    static func replay(events: [JSON], path: String) throws -> SessionState {
        guard let first = events.first else {
            throw EngineError.journalCorrupt("journal \(path) is empty: no create event")
        }
        let spec = try SessionSpec(journal: first, path: path)
        var state = try SessionState(spec: spec)
        for (index, raw) in events.enumerated().dropFirst() {
            let event: SessionEvent
            do {
                event = try SessionEvent(journal: raw)
            } catch {
                throw EngineError.journalCorrupt("journal \(path), line \(index + 1): \(error)")
            }
            do {
                try apply(event, recorded: raw, to: &state)
            } catch let error as EngineError {
                throw EngineError.replayDiverged(sessionId: spec.id, event: index + 1, detail: error.description)
            }
        }
        return state
    }

    /// Applies one journaled event; an ask must hand out exactly the trials it recorded.
    private static func apply(_ event: SessionEvent, recorded: JSON, to state: inout SessionState) throws {
        switch event {
        case .create:
            throw EngineError.journalCorrupt("a second create event")
        case .ask(let count, let clientId):
            let reply = try state.ask(count: count, clientId: clientId)
            let replayed = JSON.array(reply.trials.map(\.journalJSON))
            if let expected = recorded["trials"], expected != replayed {
                throw EngineError.journalCorrupt("the strategy suggested \(replayed.serialized()) where the journal recorded \(expected.serialized())")
            }
        case .tell(let trialId, let trialState, let values, let budget, let cost, let metrics):
            _ = try state.tell(trialId: trialId, state: trialState, values: values, budget: budget, cost: cost, metrics: metrics)
        case .warmStart(let config, let trialState, let values, let budget, let cost, let metrics):
            _ = try state.warmStart(config: config, state: trialState, values: values, budget: budget, cost: cost, metrics: metrics)
        case .report(let trialId, let step, let value):
            _ = try state.report(trialId: trialId, step: step, value: value)
        case .abandon(let trialId):
            _ = try state.abandon(trialId: trialId)
        case .enqueue(let config):
            _ = state.enqueue(config: config)
        case .close:
            state.closed = true
        case .reopen:
            state.closed = false
        }
    }

    /// Loads a stored session.
    static func load(path: String, durability: Durability) throws -> (Session, repairedTail: Bool) {
        let (journal, replayed) = try replay(path: path, durability: durability)
        return (Session(spec: replayed.state.spec, state: replayed.state, journal: journal), replayed.repairedTail)
    }
}

extension SessionSpec {
    /// Reads the create event back.
    init(journal value: JSON, path: String) throws {
        guard value["type"] == "create" else {
            throw EngineError.journalCorrupt("journal \(path) does not start with a create event")
        }
        guard let id = value["sessionId"]?.stringValue,
            let strategy = value["strategy"], let strategyName = strategy["name"]?.stringValue,
            let spaceJSON = value["space"], let seedText = value["seed"]?.stringValue, let seed = UInt64(seedText)
        else {
            throw EngineError.journalCorrupt("journal \(path): the create event lacks a field")
        }
        let space = try SearchSpace(json: spaceJSON, path: "space")
        var objectives: [Objective] = []
        for item in value["objectives"]?.arrayValue ?? [] {
            guard let name = item["name"]?.stringValue, let goal = item["goal"]?.stringValue.flatMap(Objective.Goal.init(rawValue:)) else {
                throw EngineError.journalCorrupt("journal \(path): bad objective \(item.serialized())")
            }
            objectives.append(Objective(name: name, goal: goal))
        }
        self.init(
            id: id, name: value["name"]?.stringValue, strategyName: strategyName, strategyOptions: strategy["options"],
            space: space, objectives: objectives.isEmpty ? Objective.defaultList : objectives, seed: seed,
            pruner: value["pruner"])
    }
}
