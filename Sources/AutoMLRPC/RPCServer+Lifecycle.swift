import AutoMLJSON

extension RPCServer {
    /// What LSP's lifecycle makes of a request.
    enum LifecycleDecision {
        /// Dispatch it to its method.
        case dispatch
        /// Answer it with this reply at once.
        case reply(JSON)
        /// Answer it with what this task returns (`initialize`).
        case run(Task<JSON, Never>)
    }

    /// Applies LSP's lifecycle to a request.
    ///
    /// `initialize` is optional for line-framed clients (scripts); a Content-Length-framed client
    /// is a language-server client and must send it first (-32002 before it). After `shutdown`
    /// every request is invalid (-32600).
    func lifecycle(id: JSON, method: String, params: JSON?, framing: Framing) -> LifecycleDecision {
        if lifecycle == .shutDown {
            return .reply(OutgoingMessage.error(id: id, .invalidRequest("the server is shutting down: only the exit notification is accepted")))
        }
        switch method {
        case "initialize":
            guard lifecycle == .fresh else {
                return .reply(OutgoingMessage.error(id: id, .invalidRequest("initialize may be sent only once")))
            }
            lifecycle = .initialized
            let hooks = self.hooks
            return .run(Task { OutgoingMessage.result(id: id, await hooks.initializeResult(params)) })
        case "shutdown":
            lifecycle = .shutDown
            return .reply(OutgoingMessage.result(id: id, .null))
        default:
            if lifecycle == .fresh && framing == .contentLength {
                return .reply(OutgoingMessage.error(id: id, .serverNotInitialized))
            }
            return .dispatch
        }
    }

    /// Handles a notification; returns an ending for `exit`.
    func notify(_ method: String, _ params: JSON?) -> Ending? {
        switch method {
        case "exit":
            return .exitNotification(afterShutdown: lifecycle == .shutDown)
        case "$/cancelRequest":
            if let id = params?["id"], let task = inFlight[id] {
                task.cancel()
            }
            return nil
        default:
            // `initialized`, `$/setTrace` and unknown notifications need no answer and change nothing.
            return nil
        }
    }
}
