import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import AutoMLStrategies

/// A session's mutable state, as a value: the trials, the queue, the strategy and the generator.
///
/// Every method validates before it mutates, so a method that throws an `EngineError` has changed
/// nothing. Applying the same events to a fresh state gives the same state: that is replay.
struct SessionState: Sendable {
    let spec: SessionSpec
    var trials: [TrialRecord] = []
    /// Enqueued trial ids, first in first out.
    var queue: [Int] = []
    var strategy: AnyStrategy
    /// Decides `trial/report` together with the strategy (either may prune).
    let pruner: AnyPruner?
    var rng: SeededGenerator
    var closed = false
    var exhausted = false
    var waiting = false
    /// The best complete trial so far (one objective), kept as trials finish so that a tell's
    /// reply does not scan the history.
    var bestTrialId: Int?
    /// Pending trials per client id, for idempotent asks without scanning the history.
    var pendingByClient: [String: [Int]] = [:]

    init(spec: SessionSpec) throws {
        self.spec = spec
        do {
            strategy = try StrategyRegistry.make(
                name: spec.strategyName, options: spec.strategyOptions, space: spec.space,
                objectives: spec.objectives, path: "params.strategy.options")
        } catch let error as StrategyError {
            switch error {
            case .unknown: throw EngineError.unknownStrategy(error.description)
            case .cannotServe: throw EngineError.cannotServe(error.description)
            }
        }
        rng = SeededGenerator(seed: spec.seed)
        pruner = try spec.pruner.map { ref in
            guard let name = ref["name"]?.stringValue else {
                throw JSONFieldError(path: "params.pruner.name", reason: "required field is missing")
            }
            return try PrunerRegistry.make(name: name, options: ref["options"], objectives: spec.objectives, path: "params.pruner")
        }
    }

    /// Runs `body` with a strategy context over the current history, then keeps the generator's
    /// new state. The context's view of the trials is released before the caller mutates them.
    mutating func withContext<T>(_ body: (inout AnyStrategy, inout StrategyContext) throws -> T) rethrows -> T {
        var context = StrategyContext(rng: rng, trials: trials, space: spec.space, objectives: spec.objectives)
        defer { rng = context.rng }
        return try body(&strategy, &context)
    }

    // MARK: - Events

    mutating func ask(count: Int, clientId: String?) throws -> AskReply {
        var handed: [TrialRecord] = []
        while handed.count < count, !queue.isEmpty {
            let id = queue.removeFirst()
            trials[id].state = .pending
            trials[id].clientId = clientId
            handed.append(trials[id])
            if let clientId { pendingByClient[clientId, default: []].append(id) }
        }
        let remaining = count - handed.count
        if remaining > 0 && !exhausted {
            let outcome = try withContext { strategy, context in try strategy.ask(remaining, context: &context) }
            for suggestion in outcome.suggestions.prefix(remaining) {
                let trial = TrialRecord(
                    id: trials.count, state: .pending, config: suggestion.config, budget: suggestion.budget,
                    resumeOf: suggestion.resumeOf, architecture: suggestion.architecture, tag: suggestion.tag,
                    clientId: clientId)
                trials.append(trial)
                handed.append(trial)
                if let clientId { pendingByClient[clientId, default: []].append(trial.id) }
            }
            waiting = outcome.waiting
            exhausted = outcome.exhausted
        }
        return AskReply(trials: handed, waiting: handed.isEmpty && waiting, exhausted: handed.isEmpty && exhausted)
    }

    mutating func tell(trialId: Int, state newState: TrialState, values: [Double]?, budget: Double?, cost: Double?,
                       metrics: JSONObject? = nil) throws -> TrialRecord {
        let trial = try pendingTrial(trialId)
        var finished = trial
        finished.state = newState
        finished.values = values
        if let budget { finished.budget = budget }
        finished.cost = cost
        finished.metrics = metrics
        trials[trialId] = finished
        leavePending(finished)
        considerForBest(finished)
        withContext { strategy, context in strategy.tell(finished, context: &context) }
        return finished
    }

    mutating func warmStart(config: JSONObject, state newState: TrialState, values: [Double]?, budget: Double?, cost: Double?,
                            metrics: JSONObject? = nil) throws -> TrialRecord {
        let trial = TrialRecord(id: trials.count, state: newState, config: config, budget: budget, values: values, cost: cost,
                                metrics: metrics)
        trials.append(trial)
        considerForBest(trial)
        withContext { strategy, context in strategy.tell(trial, context: &context) }
        return trial
    }

    mutating func report(trialId: Int, step: Double, value: Double) throws -> PruneDecision {
        _ = try pendingTrial(trialId)
        trials[trialId].intermediate.append(IntermediateValue(step: step, value: value))
        let trial = trials[trialId]
        let decision = withContext { strategy, context in strategy.report(trial, step: step, value: value, context: &context) }
        guard decision == .continue, let pruner else { return decision }
        return pruner.decide(trial, history: trials)
    }

    mutating func abandon(trialId: Int) throws -> TrialRecord {
        _ = try pendingTrial(trialId)
        trials[trialId].state = .abandoned
        let trial = trials[trialId]
        leavePending(trial)
        withContext { strategy, context in strategy.abandon(trial, context: &context) }
        return trial
    }

    mutating func enqueue(config: JSONObject) -> TrialRecord {
        let trial = TrialRecord(id: trials.count, state: .queued, config: config)
        trials.append(trial)
        queue.append(trial.id)
        return trial
    }

    /// The pending trials of `clientId`, in the order they were handed out.
    func pendingTrials(of clientId: String) -> [TrialRecord] {
        (pendingByClient[clientId] ?? []).map { trials[$0] }
    }

    private mutating func leavePending(_ trial: TrialRecord) {
        guard let clientId = trial.clientId, var ids = pendingByClient[clientId] else { return }
        ids.removeAll { $0 == trial.id }
        pendingByClient[clientId] = ids.isEmpty ? nil : ids
    }

    private mutating func considerForBest(_ trial: TrialRecord) {
        guard spec.objectives.count == 1, trial.state == .complete, let value = trial.values?.first, trial.values?.count == 1 else { return }
        let objective = spec.objectives[0]
        if let current = bestTrialId, let currentValue = trials[current].values?.first, objective.loss(currentValue) <= objective.loss(value) {
            return
        }
        bestTrialId = trial.id
    }

    func pendingTrial(_ trialId: Int) throws -> TrialRecord {
        guard trials.indices.contains(trialId) else {
            throw EngineError.unknownTrial(sessionId: spec.id, trialId: trialId)
        }
        let trial = trials[trialId]
        guard trial.state == .pending else {
            throw EngineError.trialFinished(trialId: trialId, state: trial.state.rawValue)
        }
        return trial
    }

    // MARK: - Reads

    func best() -> [TrialRecord] {
        let objectives = spec.objectives
        if objectives.count == 1 {
            return bestTrialId.map { [trials[$0]] } ?? []
        }
        let complete = trials.filter { $0.state == .complete && $0.values?.count == objectives.count }
        return complete.filter { candidate in
            !complete.contains { other in objectives.dominates(other.values ?? [], candidate.values ?? []) }
        }
    }

    func counts() -> JSONObject {
        var counts: [TrialState: Int] = [:]
        for trial in trials { counts[trial.state, default: 0] += 1 }
        return JSONObject(TrialState.allCases.map { ($0.rawValue, .int(Int64(counts[$0] ?? 0))) })
    }

    func statusJSON() -> JSON {
        let context = StrategyContext(rng: rng, trials: trials, space: spec.space, objectives: spec.objectives)
        var object: JSONObject = [
            "sessionId": .string(spec.id),
            "strategy": .object(["name": .string(spec.strategyName), "options": spec.strategyOptions ?? .object([:]), "state": strategy.status(context: context)]),
            "objectives": spec.objectivesJSON,
            "pruner": spec.pruner ?? .null,
            "seed": .int(Int64(bitPattern: spec.seed)),
            "counts": .object(counts()),
            "total": .int(Int64(trials.count)),
            "closed": .bool(closed),
            "exhausted": .bool(exhausted),
        ]
        if let name = spec.name { object["name"] = .string(name) }
        return .object(object)
    }
}
