import AutoMLJSON
import AutoMLStrategies

extension Session {
    /// Runs the search inside the engine: ask one trial, evaluate it, tell the result, until a
    /// limit, the strategy's end, or cancellation.
    ///
    /// ```swift
    /// let evaluator = try await TrainerEvaluator.make(["kind": "trainer", "dataset": "digits"], session: session.spec)
    /// let summary = try await session.run(evaluator: evaluator, limits: RunLimits(maxTrials: 30)) { progress in
    ///     print(progress.done, progress.best?.trial.value ?? .nan)
    /// }
    /// ```
    ///
    /// Every event goes through the session's ordinary methods (`ask`, `trial/report`, `tell`
    /// with `cost` = the evaluation's seconds and the trial's budget), so the journal holds what
    /// a client's loop would have written and replays the same way. Other requests on the session
    /// are served between them. A strategy that waits for trials another client holds is asked
    /// again after a growing pause (10 ms to 0.5 s), never in a busy loop; waiting with no
    /// trial pending anywhere ends the run as `exhausted`.
    ///
    /// Cancelling the task stops training before its next batch, abandons the trial in
    /// progress (its slot goes back to the strategy) and returns with `stopReason` `cancelled`;
    /// trials told before stay told.
    ///
    /// - Parameters:
    ///   - checkpointRoot: the directory for this session's checkpoints, one subdirectory per
    ///     trial (`Engine.checkpointRoot(for:)`); nil keeps none, and promotions train from scratch.
    ///   - progress: called after every told trial.
    /// - Throws: the session's errors (closed, storage), and any error of the evaluator other
    ///   than cancellation; the trial in progress is then abandoned when possible.
    public nonisolated func run(
        evaluator: some TrialEvaluator, limits: RunLimits = RunLimits(), checkpointRoot: String? = nil,
        progress: @Sendable (RunProgress) async -> Void = { _ in }
    ) async throws -> RunSummary {
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double {
            let (seconds, attoseconds) = (clock.now - started).components
            return Double(seconds) + Double(attoseconds) / 1e18
        }
        var summary = RunSummary()
        summary.multiObjective = spec.objectives.count > 1
        var pause = RunPause()
        let context = { (trialId: Int) in
            EvaluationContext(
                report: { step, value in try await self.report(trialId: trialId, step: step, value: value) },
                checkpointDirectory: { id in checkpointRoot.map { "\($0)/\(id)" } })
        }
        loop: while true {
            if Task.isCancelled { summary.stopReason = .cancelled; break }
            if let maxTrials = limits.maxTrials, summary.trials >= maxTrials { summary.stopReason = .maxTrials; break }
            if let maxSeconds = limits.maxSeconds, elapsed() >= maxSeconds { summary.stopReason = .maxSeconds; break }
            let reply = try await ask(count: 1, clientId: nil)
            guard let trial = reply.trials.first else {
                guard reply.waiting, await trials.contains(where: { $0.state == .pending }) else {
                    summary.stopReason = .exhausted
                    break
                }
                do { try await pause.wait() } catch { summary.stopReason = .cancelled; break loop }
                continue
            }
            pause.reset()
            let trialStarted = clock.now
            let evaluation: TrialEvaluation
            do {
                evaluation = try await evaluator.evaluate(trial, context: context(trial.id))
            } catch is CancellationError {
                _ = try? await abandon(trialId: trial.id)
                summary.stopReason = .cancelled
                break
            } catch {
                _ = try? await abandon(trialId: trial.id)
                throw error
            }
            let (seconds, attoseconds) = (clock.now - trialStarted).components
            let cost = Double(seconds) + Double(attoseconds) / 1e18
            let told = try await tell(trialId: trial.id, state: evaluation.state, values: evaluation.values,
                                      budget: trial.budget, cost: cost, metrics: evaluation.metrics)
            summary.record(told, failure: evaluation.reason)
            let best = spec.objectives.count == 1 ? await self.best().first.map(RunTrial.init(trial:)) : nil
            await progress(RunProgress(
                done: summary.trials, limits: limits, trial: RunTrial(trial: told),
                failure: evaluation.reason, best: best, elapsedSeconds: elapsed()))
        }
        summary.best = await best().map(RunTrial.init(trial:))
        summary.elapsedSeconds = elapsed()
        return summary
    }
}

extension RunSummary {
    /// Counts a told trial.
    mutating func record(_ trial: TrialRecord, failure: String?) {
        trials += 1
        switch trial.state {
        case .complete: complete += 1
        case .failed:
            failed += 1
            if failures.count < Self.maxFailures { failures.append((trial.id, failure ?? "failed")) }
        case .pruned: pruned += 1
        default: break
        }
    }
}

/// The growing pause between asks while a strategy waits for other clients' trials.
struct RunPause {
    static let first: Duration = .milliseconds(10)
    static let longest: Duration = .milliseconds(500)
    private var next = first

    /// Sleeps, then doubles the next pause up to `longest`.
    /// - Throws: `CancellationError` when the task is cancelled while sleeping.
    mutating func wait() async throws {
        try await Task.sleep(for: next)
        next = min(next * 2, Self.longest)
    }

    mutating func reset() { next = Self.first }
}
