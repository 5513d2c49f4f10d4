import AutoMLEngine
import AutoMLJSON
import AutoMLRPC
import AutoMLStrategies

/// `session/tell`: the result of a trial, by `trialId`, or with a `config` for a result obtained
/// elsewhere (warm start).
public struct SessionTell: ServerMethod {
    public static let name = "session/tell"

    public struct Params: Decodable, Sendable, SessionKeyedParams {
        public var sessionId: String
        public var trialId: Int?
        public var config: JSON?
        public var value: JSON?
        public var values: [JSON]?
        public var state: String?
        public var budget: Double?
        public var cost: Double?
        /// What else the evaluator measured, journaled and shown with the trial.
        public var metrics: JSON?
    }

    public static func handle(_ params: Params, context: ServerContext, request: RequestContext) async throws -> JSON {
        let session = try await context.session(params.sessionId)
        let state = try finalState(params.state)
        let values = try resultValues(params, objectives: session.spec.objectives.count, state: state)
        if let cost = params.cost, cost < 0 {
            throw JSONFieldError(path: "params.cost", reason: "a cost is non-negative")
        }
        var metrics: JSONObject?
        if let raw = params.metrics {
            guard let object = raw.objectValue else {
                throw JSONFieldError(path: "params.metrics", reason: "expected an object of named measurements, found \(raw.typeDescription)")
            }
            metrics = object
        }
        let trial: TrialRecord
        if let trialId = params.trialId {
            if params.config != nil {
                throw JSONFieldError(path: "params.config", reason: "give trialId or config, not both")
            }
            trial = try await session.tell(trialId: trialId, state: state, values: values, budget: params.budget, cost: params.cost,
                                           metrics: metrics)
        } else if let config = params.config {
            let validated = try session.spec.space.validate(config, path: "params.config")
            trial = try await session.warmStart(config: validated, state: state, values: values, budget: params.budget, cost: params.cost,
                                                metrics: metrics)
        } else {
            throw JSONFieldError(path: "params.trialId", reason: "required field is missing (or give config for a warm start)")
        }
        var result: JSONObject = ["trial": trial.json]
        if session.spec.objectives.count == 1, let best = await session.best().first {
            result["best"] = best.json
        }
        return .object(result)
    }

    static func finalState(_ raw: String?) throws -> TrialState {
        guard let raw else { return .complete }
        switch TrialState(rawValue: raw) {
        case .complete?, .failed?, .pruned?: return TrialState(rawValue: raw)!
        default:
            throw JSONFieldError(path: "params.state", reason: "expected \"complete\", \"failed\" or \"pruned\", found \"\(raw)\"")
        }
    }

    /// One finite number per objective: required when complete, optional when pruned, ignored when failed.
    static func resultValues(_ params: Params, objectives: Int, state: TrialState) throws -> [Double]? {
        if params.value != nil && params.values != nil {
            throw JSONFieldError(path: "params.values", reason: "give value or values, not both")
        }
        var numbers: [Double]?
        if let value = params.value {
            numbers = [try finite(value, path: "params.value")]
        } else if let values = params.values {
            numbers = try values.enumerated().map { try finite($1, path: "params.values[\($0)]") }
        }
        if state == .failed { return nil }
        guard let numbers else {
            if state == .pruned { return nil }
            throw JSONFieldError(path: "params.value", reason: "required field is missing: a complete trial needs its value (or values, one per objective)")
        }
        guard numbers.count == objectives else {
            throw JSONFieldError(
                path: params.value != nil ? "params.value" : "params.values",
                reason: "expected \(objectives) value\(objectives == 1 ? "" : "s"), one per objective, found \(numbers.count)")
        }
        return numbers
    }

    static func finite(_ value: JSON, path: String) throws -> Double {
        guard let number = value.doubleValue, number.isFinite else {
            throw JSONFieldError(path: path, reason: "expected a finite number, found \(value.typeDescription) \(value.serialized())")
        }
        return number
    }
}
