import AutoMLJSON

/// What a handler knows about the request it serves: its id, and how to report progress.
public struct RequestContext: Sendable {
    /// The request's id as the client sent it.
    public let id: JSON
    /// The method name.
    public let method: String
    /// Reports `$/progress` when the request carried a `workDoneToken`; otherwise reports nothing.
    public let progress: ProgressReporter

    public init(id: JSON, method: String, progress: ProgressReporter) {
        self.id = id
        self.method = method
        self.progress = progress
    }

    /// True once the client cancelled this request (`$/cancelRequest`). Long handlers check it
    /// between units of work and throw `CancellationError`, which the client sees as -32800.
    public var isCancelled: Bool { Task.isCancelled }
}

/// Sends LSP `$/progress` notifications for one request's `workDoneToken`.
///
/// The dispatcher sends `begin` before the handler runs and `end` after it returns; a handler
/// sends `report`s in between. Without a token every call is a no-op, so handlers need not care.
public struct ProgressReporter: Sendable {
    let token: JSON?
    let send: @Sendable (JSON) async -> Void

    public init(token: JSON?, send: @escaping @Sendable (JSON) async -> Void) {
        self.token = token
        self.send = send
    }

    /// A reporter that reports nothing (no token).
    public static let none = ProgressReporter(token: nil) { _ in }

    public var isActive: Bool { token != nil }

    public func begin(title: String, message: String? = nil, percentage: Int? = nil) async {
        await emit(kind: "begin", extra: [("title", .string(title))], message: message, percentage: percentage)
    }

    public func report(message: String? = nil, percentage: Int? = nil) async {
        await emit(kind: "report", extra: [], message: message, percentage: percentage)
    }

    public func end(message: String? = nil) async {
        await emit(kind: "end", extra: [], message: message, percentage: nil)
    }

    private func emit(kind: String, extra: [(String, JSON)], message: String?, percentage: Int?) async {
        guard let token else { return }
        var value = JSONObject([("kind", .string(kind))] + extra)
        if let message { value["message"] = .string(message) }
        if let percentage { value["percentage"] = .int(Int64(max(0, min(100, percentage)))) }
        await send(OutgoingMessage.notification(method: "$/progress", params: ["token": token, "value": .object(value)]))
    }
}
