import AutoMLEngine
import AutoMLJSON
import AutoMLRPC

/// `session/run`: runs a session end to end inside the engine, with the embedded trainer as
/// evaluator, and answers a summary.
///
/// ```json
/// {"sessionId": "s1", "evaluator": {"kind": "trainer", "dataset": "digits", "config": {"epochs": 5}},
///  "maxTrials": 20, "workDoneToken": "run-1"}
/// ```
///
/// With a `workDoneToken`, each told trial is a `$/progress` report (`trial 3/20 complete 0.0417;
/// best 0.0278 (trial 1)` and a percentage). `$/cancelRequest` stops training before its next
/// batch and answers -32800; the trials told until then stay in the journal.
///
/// Unlike the other session methods it does not hold the session's queue: `session/status`,
/// `session/trials`, `session/best` and other clients' asks and tells are answered while it
/// runs (each event still goes through the session one at a time). Send it once
/// `session/create` has answered.
public struct SessionRun: ServerMethod {
    public static let name = "session/run"
    /// The most trials one run may be asked for.
    public static let maxTrialsLimit = 1_000_000

    public struct Params: Decodable, Sendable {
        public var sessionId: String
        public var evaluator: JSON
        public var maxTrials: Int?
        public var maxSeconds: Double?

        public init(sessionId: String, evaluator: JSON, maxTrials: Int? = nil, maxSeconds: Double? = nil) {
            self.sessionId = sessionId
            self.evaluator = evaluator
            self.maxTrials = maxTrials
            self.maxSeconds = maxSeconds
        }
    }

    public static func handle(_ params: Params, context: ServerContext, request: RequestContext) async throws -> JSON {
        let limits = try limits(params)
        let progress = request.progress
        let summary = try await context.engine.run(sessionId: params.sessionId, evaluator: params.evaluator, limits: limits) { step in
            await progress.report(message: message(step), percentage: step.percentage)
        }
        if summary.stopReason == .cancelled { throw CancellationError() }
        return summary.json
    }

    static func limits(_ params: Params) throws(JSONFieldError) -> RunLimits {
        if let maxTrials = params.maxTrials, !(1...maxTrialsLimit).contains(maxTrials) {
            throw JSONFieldError(path: "params.maxTrials", reason: "expected an integer from 1 to \(maxTrialsLimit), found \(maxTrials)")
        }
        if let maxSeconds = params.maxSeconds, !(maxSeconds > 0 && maxSeconds.isFinite) {
            throw JSONFieldError(path: "params.maxSeconds", reason: "expected a positive number of seconds, found \(maxSeconds)")
        }
        return RunLimits(maxTrials: params.maxTrials, maxSeconds: params.maxSeconds)
    }

    /// `trial 3/20 complete 0.0417; best 0.0278 (trial 1)`.
    static func message(_ step: RunProgress) -> String {
        var text = "trial \(step.done)" + (step.limits.maxTrials.map { "/\($0)" } ?? "")
        text += " \(step.trial.trial.state.rawValue)"
        if let value = step.trial.trial.values?.first { text += " \(format(value))" }
        if let failure = step.failure { text += " (\(failure))" }
        if let best = step.best, let value = best.trial.values?.first {
            text += "; best \(format(value)) (trial \(best.trial.id))"
        }
        return text
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
    }
}
