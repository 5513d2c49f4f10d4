import AutoMLJSON
import AutoMLStrategies

/// One event of a session: what its journal records, one per line, in order.
///
/// Replaying the events through a fresh strategy with the same seed rebuilds the same state;
/// an `ask` also records the trials it handed out, so replay can check it made the same ones.
enum SessionEvent: Sendable, Hashable {
    case create(SessionSpec)
    case ask(count: Int, clientId: String?)
    case tell(trialId: Int, state: TrialState, values: [Double]?, budget: Double?, cost: Double?, metrics: JSONObject?)
    case warmStart(config: JSONObject, state: TrialState, values: [Double]?, budget: Double?, cost: Double?, metrics: JSONObject?)
    case report(trialId: Int, step: Double, value: Double)
    case abandon(trialId: Int)
    case enqueue(config: JSONObject)
    case close
    case reopen
}

extension SessionEvent {
    /// The event's journal form; `outcome` adds what the event produced (an ask's trials).
    func json(outcome: JSONObject = [:]) -> JSON {
        var object: JSONObject
        switch self {
        case .create(let spec):
            object = [
                "type": "create", "version": 1, "sessionId": .string(spec.id),
                "strategy": spec.strategyJSON, "space": spec.space.json,
                "objectives": spec.objectivesJSON, "seed": .string(String(spec.seed)),
            ]
            if let name = spec.name { object["name"] = .string(name) }
            if let pruner = spec.pruner { object["pruner"] = pruner }
        case .ask(let count, let clientId):
            object = ["type": "ask", "count": .int(Int64(count))]
            if let clientId { object["clientId"] = .string(clientId) }
        case .tell(let trialId, let state, let values, let budget, let cost, let metrics):
            object = ["type": "tell", "trialId": .int(Int64(trialId)), "state": .string(state.rawValue)]
            Self.addResult(&object, values: values, budget: budget, cost: cost, metrics: metrics)
        case .warmStart(let config, let state, let values, let budget, let cost, let metrics):
            object = ["type": "warmStart", "config": .object(config), "state": .string(state.rawValue)]
            Self.addResult(&object, values: values, budget: budget, cost: cost, metrics: metrics)
        case .report(let trialId, let step, let value):
            object = ["type": "report", "trialId": .int(Int64(trialId)), "step": .double(step), "value": .double(value)]
        case .abandon(let trialId):
            object = ["type": "abandon", "trialId": .int(Int64(trialId))]
        case .enqueue(let config):
            object = ["type": "enqueue", "config": .object(config)]
        case .close:
            object = ["type": "close"]
        case .reopen:
            object = ["type": "reopen"]
        }
        for (key, value) in outcome { object[key] = value }
        return .object(object)
    }

    private static func addResult(_ object: inout JSONObject, values: [Double]?, budget: Double?, cost: Double?, metrics: JSONObject?) {
        if let values { object["values"] = .array(values.map { .double($0) }) }
        if let budget { object["budget"] = .double(budget) }
        if let cost { object["cost"] = .double(cost) }
        if let metrics { object["metrics"] = .object(metrics) }
    }

    /// Reads an event back from its journal form (not the create event: see `SessionSpec(journal:)`).
    init(journal value: JSON) throws(JournalReadError) {
        let type = value["type"]?.stringValue ?? ""
        switch type {
        case "ask":
            self = .ask(count: Int(try Self.int(value, "count")), clientId: value["clientId"]?.stringValue)
        case "tell":
            self = .tell(
                trialId: Int(try Self.int(value, "trialId")), state: try Self.state(value),
                values: value["values"]?.arrayValue?.compactMap(\.doubleValue),
                budget: value["budget"]?.doubleValue, cost: value["cost"]?.doubleValue, metrics: value["metrics"]?.objectValue)
        case "warmStart":
            guard let config = value["config"]?.objectValue else { throw JournalReadError("warmStart without config") }
            self = .warmStart(
                config: config, state: try Self.state(value),
                values: value["values"]?.arrayValue?.compactMap(\.doubleValue),
                budget: value["budget"]?.doubleValue, cost: value["cost"]?.doubleValue, metrics: value["metrics"]?.objectValue)
        case "report":
            guard let step = value["step"]?.doubleValue, let v = value["value"]?.doubleValue else {
                throw JournalReadError("report without step or value")
            }
            self = .report(trialId: Int(try Self.int(value, "trialId")), step: step, value: v)
        case "abandon":
            self = .abandon(trialId: Int(try Self.int(value, "trialId")))
        case "enqueue":
            guard let config = value["config"]?.objectValue else { throw JournalReadError("enqueue without config") }
            self = .enqueue(config: config)
        case "close":
            self = .close
        case "reopen":
            self = .reopen
        default:
            throw JournalReadError("unknown event type \"\(type)\"")
        }
    }

    private static func int(_ value: JSON, _ key: String) throws(JournalReadError) -> Int64 {
        guard let int = value[key]?.intValue else { throw JournalReadError("\(key) missing or not an integer") }
        return int
    }

    private static func state(_ value: JSON) throws(JournalReadError) -> TrialState {
        guard let raw = value["state"]?.stringValue, let state = TrialState(rawValue: raw) else {
            throw JournalReadError("state missing or unknown")
        }
        return state
    }
}

/// An event in a journal that this version cannot read.
struct JournalReadError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
