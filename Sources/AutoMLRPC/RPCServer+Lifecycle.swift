import AutoMLJSON

extension RPCServer {
    /// Applies LSP's lifecycle to a request. Returns nil when the request should be dispatched;
    /// otherwise the reply to send at once (`.some(nil)` means: handled, nothing to send).
    ///
    /// `initialize` is optional for line-framed clients (scripts); a Content-Length-framed client
    /// is a language-server client and must send it first (-32002 before it). After `shutdown`
    /// every request is invalid (-32600).
    func lifecycleReply(id: JSON, method: String, params: JSON?, framing: Framing) -> JSON?? {
        if lifecycle == .shutDown {
            return .some(OutgoingMessage.error(id: id, .invalidRequest("the server is shutting down: only the exit notification is accepted")))
        }
        switch method {
        case "initialize":
            guard lifecycle == .fresh else {
                return .some(OutgoingMessage.error(id: id, .invalidRequest("initialize may be sent only once")))
            }
            lifecycle = .initialized
            let hooks = self.hooks
            inFlight[id] = Task { [weak self] in
                let result = await hooks.initializeResult(params)
                await self?.finish(id: id, reply: OutgoingMessage.result(id: id, result), framing: framing)
            }
            return .some(nil)
        case "shutdown":
            lifecycle = .shutDown
            return .some(OutgoingMessage.result(id: id, .null))
        default:
            if lifecycle == .fresh && framing == .contentLength {
                return .some(OutgoingMessage.error(id: id, .serverNotInitialized))
            }
            return nil
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
