import AutoMLJSON

extension RPCServer {
    /// Starts a request: decodes its params now (so a bad request is answered at once and
    /// changes nothing), then runs it after the previous request with the same ordering key.
    func schedule(
        id: JSON, method: String, params: JSON?, framing: Framing,
        deliver: @escaping @Sendable (JSON) async -> Void
    ) -> Task<Void, Never> {
        guard let entry = registry.entry(method) else {
            let reply = OutgoingMessage.error(id: id, .methodNotFound(method))
            return Task { await deliver(reply) }
        }
        let prepared: MethodRegistry<Context>.Prepared
        do {
            prepared = try entry.prepare(params)
        } catch {
            let reply = OutgoingMessage.error(id: id, RPCError.from(error))
            return Task { await deliver(reply) }
        }
        let progress = ProgressReporter(token: Self.workDoneToken(params)) { [weak self] note in
            await self?.send(note, framing)
        }
        let request = RequestContext(id: id, method: method, progress: progress)
        let context = self.context
        let previous = prepared.orderingKey.flatMap { orderingTails[$0] }
        let task = Task.detached {
            await previous?.value
            let reply: JSON
            if Task.isCancelled {
                reply = OutgoingMessage.error(id: id, .requestCancelled)
            } else {
                await progress.begin(title: method)
                do {
                    let result = try await prepared.run(context, request)
                    reply = OutgoingMessage.result(id: id, result)
                } catch {
                    reply = OutgoingMessage.error(id: id, Task.isCancelled ? .requestCancelled : RPCError.from(error))
                }
                await progress.end()
            }
            await deliver(reply)
        }
        if let key = prepared.orderingKey { orderingTails[key] = task }
        return task
    }

    static func workDoneToken(_ params: JSON?) -> JSON? {
        guard let token = params?["workDoneToken"] else { return nil }
        switch token {
        case .string, .int: return token
        default: return nil
        }
    }
}
