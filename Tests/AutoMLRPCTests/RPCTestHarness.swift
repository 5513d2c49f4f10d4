import AutoMLJSON
import AutoMLRPC
import Logging
import Synchronization

/// Records what the server under test writes, message by message.
final class CapturedOutput: Sendable {
    private let frames = Mutex<[[UInt8]]>([])

    func write(_ bytes: [UInt8]) {
        frames.withLock { $0.append(bytes) }
    }

    /// Every message written, decoded from its frame (either framing).
    var messages: [JSON] {
        frames.withLock { $0 }.compactMap(Self.decode)
    }

    var rawFrames: [[UInt8]] { frames.withLock { $0 } }

    static func decode(_ frame: [UInt8]) -> JSON? {
        var body = frame[...]
        if frame.first == UInt8(ascii: "C") {
            guard let end = findHeaderEnd(frame) else { return nil }
            body = frame[end...]
        }
        return try? JSON.parse(Array(body))
    }

    static func findHeaderEnd(_ frame: [UInt8]) -> Int? {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard frame.count >= 4 else { return nil }
        for i in 0...(frame.count - 4) where Array(frame[i..<(i + 4)]) == marker { return i + 4 }
        return nil
    }

    /// The reply to request `id`, if any.
    func reply(to id: JSON) -> JSON? {
        messages.first { $0["id"] == id && ($0["result"] != nil || $0["error"] != nil) }
    }
}

/// A shared log the test methods write to, to observe execution order.
actor EventLog {
    var entries: [String] = []
    func append(_ entry: String) { entries.append(entry) }
}

struct TestContext: Sendable {
    let log: EventLog
}

/// `echo`: returns its params.
struct Echo: RPCMethod {
    static let name = "echo"
    static func handle(_ params: JSON, context: TestContext, request: RequestContext) async throws -> JSON { params }
}

/// `sleep {ms, key?, tag}`: sleeps (cancellably), then logs its tag. Requests with a key are ordered.
struct Sleep: RPCMethod {
    static let name = "sleep"
    struct Params: Decodable, Sendable {
        var ms: Int
        var key: String?
        var tag: String
    }
    static func orderingKey(_ params: Params) -> String? { params.key }
    static func handle(_ params: Params, context: TestContext, request: RequestContext) async throws -> JSON {
        await request.progress.report(message: "sleeping")
        try await Task.sleep(for: .milliseconds(params.ms))
        await context.log.append(params.tag)
        return .string(params.tag)
    }
}

/// `fail {code}`: throws.
struct Fail: RPCMethod {
    static let name = "fail"
    struct Params: Decodable, Sendable { var count: Int }
    static func handle(_ params: Params, context: TestContext, request: RequestContext) async throws -> JSON {
        throw RPCError(code: 1234, message: "failed on purpose")
    }
}

/// Runs a server over the given items and returns what it wrote and how it ended.
func runServer(
    _ items: [FramedItem], log: EventLog = EventLog(), pacing: Duration? = nil
) async -> (CapturedOutput, RPCServer<TestContext>.Ending) {
    let output = CapturedOutput()
    let registry = MethodRegistry<TestContext>([Echo.self, Sleep.self, Fail.self])
    let hooks = RPCServer<TestContext>.Hooks(
        initializeResult: { _ in ["capabilities": .object([:])] },
        flush: {})
    let server = RPCServer(registry: registry, context: TestContext(log: log), hooks: hooks, logger: Logger(label: "test")) { bytes in
        output.write(bytes)
    }
    let stream = AsyncStream<FramedItem> { continuation in
        Task {
            for item in items {
                continuation.yield(item)
                if let pacing { try? await Task.sleep(for: pacing) }
            }
            continuation.finish()
        }
    }
    let ending = await server.run(stream)
    return (output, ending)
}

func line(_ text: String) -> FramedItem { .message(Array(text.utf8), .line) }
func lsp(_ text: String) -> FramedItem { .message(Array(text.utf8), .contentLength) }
