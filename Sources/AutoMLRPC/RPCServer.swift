import AutoMLJSON
import Logging

/// A JSON-RPC 2.0 server over one framed byte stream, with LSP's lifecycle.
///
/// It reads framed items, answers each request exactly once in the framing it came in, never
/// answers notifications, and keeps serving after any malformed message. Requests run
/// concurrently, except that requests sharing an ordering key (one session's events) run one at
/// a time in arrival order. See Documentation/Protocol.md for the lifecycle rules.
public actor RPCServer<Context: Sendable> {
    /// How the embedding program joins in: the `initialize` result and a final flush.
    public struct Hooks: Sendable {
        public var initializeResult: @Sendable (JSON?) async -> JSON
        public var flush: @Sendable () async -> Void

        public init(
            initializeResult: @escaping @Sendable (JSON?) async -> JSON,
            flush: @escaping @Sendable () async -> Void
        ) {
            self.initializeResult = initializeResult
            self.flush = flush
        }
    }

    /// Why `run` returned, and the process exit code that goes with it.
    public enum Ending: Sendable, Equatable {
        case endOfInput
        case exitNotification(afterShutdown: Bool)
        case outputClosed

        public var exitCode: Int32 {
            if case .exitNotification(false) = self { return 1 }
            return 0
        }
    }

    enum Lifecycle { case fresh, initialized, shutDown }

    let registry: MethodRegistry<Context>
    let context: Context
    let hooks: Hooks
    let output: @Sendable ([UInt8]) throws -> Void
    let logger: Logger

    /// Requests and batches running or queued at once; past it the server stops reading until
    /// one finishes, so a client that floods it is slowed down by the pipe instead of growing
    /// memory without bound.
    public static var maxInFlight: Int { 4096 }

    var lifecycle = Lifecycle.fresh
    var outputClosed = false
    var inFlight: [JSON: Task<Void, Never>] = [:]
    var orderingTails: [String: Task<Void, Never>] = [:]
    var batchTasks: [Int: Task<Void, Never>] = [:]
    var nextBatch = 0

    /// - Parameters:
    ///   - output: writes one fully framed message; throws when the client is gone.
    public init(
        registry: MethodRegistry<Context>, context: Context, hooks: Hooks, logger: Logger,
        output: @escaping @Sendable ([UInt8]) throws -> Void
    ) {
        self.registry = registry
        self.context = context
        self.hooks = hooks
        self.logger = logger
        self.output = output
    }

    /// Serves `input` until end of input, `exit`, or a closed output; then waits for the requests
    /// still running, flushes, and says why it stopped.
    public func run<Input: AsyncSequence & Sendable>(_ input: Input) async -> Ending where Input.Element == FramedItem {
        var ending = Ending.endOfInput
        do {
            for try await item in input {
                if let stop = receive(item) {
                    ending = stop
                    break
                }
                if outputClosed {
                    ending = .outputClosed
                    break
                }
                while inFlight.count + batchTasks.count >= Self.maxInFlight, let oldest = inFlight.values.first ?? batchTasks.values.first {
                    await oldest.value
                }
            }
        } catch {
            logger.error("input failed: \(error)")
        }
        await drain()
        if outputClosed { ending = .outputClosed }
        await hooks.flush()
        return ending
    }

    /// Waits for every request and batch still running.
    func drain() async {
        while let task = inFlight.values.first ?? batchTasks.values.first ?? orderingTails.values.first {
            await task.value
            // Tasks remove themselves; a tail that stays is finished and can go.
            for (key, tail) in orderingTails where tail == task { orderingTails[key] = nil }
        }
    }

    // MARK: - Receiving

    /// Handles one framed item; returns an ending when the item ends the session (`exit`).
    func receive(_ item: FramedItem) -> Ending? {
        switch item {
        case .failure(let error, let framing):
            logger.debug("framing error: \(error)")
            send(OutgoingMessage.error(id: .null, .parseError(error.description, data: ["reason": .string(error.kind.rawValue)])), framing)
            return nil
        case .message(let bytes, let framing):
            let value: JSON
            do {
                value = try JSON.parse(bytes)
            } catch {
                send(OutgoingMessage.error(id: .null, .parseError(error.description)), framing)
                return nil
            }
            if case .array(let elements) = value {
                receiveBatch(elements, framing)
                return nil
            }
            return receiveSingle(IncomingMessage(value), framing)
        }
    }

    func receiveSingle(_ message: IncomingMessage, _ framing: Framing) -> Ending? {
        switch message {
        case .response:
            return nil
        case .invalid(let id, let error):
            send(OutgoingMessage.error(id: id, error), framing)
            return nil
        case .notification(let method, let params):
            return notify(method, params)
        case .request(let id, let method, let params):
            switch lifecycle(id: id, method: method, params: params, framing: framing) {
            case .reply(let reply):
                send(reply, framing)
            case .run(let computing):
                inFlight[id] = Task { [weak self] in
                    await self?.finish(id: id, reply: await computing.value, framing: framing)
                }
            case .dispatch:
                inFlight[id] = schedule(id: id, method: method, params: params, framing: framing) { [weak self] reply in
                    await self?.finish(id: id, reply: reply, framing: framing)
                }
            }
            return nil
        }
    }

    func finish(id: JSON, reply: JSON, framing: Framing) {
        send(reply, framing)
        inFlight[id] = nil
    }

    func receiveBatch(_ elements: [JSON], _ framing: Framing) {
        guard !elements.isEmpty else {
            send(OutgoingMessage.error(id: .null, .invalidRequest("an empty batch is not a request")), framing)
            return
        }
        var pending: [Task<JSON?, Never>] = []
        for element in elements {
            switch IncomingMessage(element) {
            case .response:
                continue
            case .invalid(let id, let error):
                let reply = OutgoingMessage.error(id: id, error)
                pending.append(Task { reply })
            case .notification(let method, let params):
                _ = notify(method, params)
            case .request(let id, let method, let params):
                switch lifecycle(id: id, method: method, params: params, framing: framing) {
                case .reply(let reply):
                    pending.append(Task { reply })
                case .run(let computing):
                    pending.append(Task { await computing.value })
                case .dispatch:
                    let box = ReplyBox()
                    let task = schedule(id: id, method: method, params: params, framing: framing) { reply in
                        await box.set(reply)
                    }
                    pending.append(Task {
                        await task.value
                        return await box.value
                    })
                }
            }
        }
        guard !pending.isEmpty else { return }
        let number = nextBatch
        nextBatch += 1
        batchTasks[number] = Task { [weak self] in
            var replies: [JSON] = []
            for task in pending {
                if let reply = await task.value { replies.append(reply) }
            }
            await self?.finishBatch(number, replies: replies, framing: framing)
        }
    }

    func finishBatch(_ number: Int, replies: [JSON], framing: Framing) {
        if !replies.isEmpty { send(.array(replies), framing) }
        batchTasks[number] = nil
    }

    // MARK: - Sending

    func send(_ message: JSON, _ framing: Framing) {
        guard !outputClosed else { return }
        do {
            try output(FrameEncoder.encode(message.serializedBytes(), framing: framing))
        } catch {
            logger.info("client closed its input; stopping")
            outputClosed = true
        }
    }
}

/// Holds one reply for a batch member until the batch is complete.
actor ReplyBox {
    var value: JSON?
    func set(_ reply: JSON) { value = reply }
}
