#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import Synchronization

/// Reads framed items from a file descriptor (stdin for `automl serve`).
///
/// `read(2)` blocks, so the read loop runs on a dedicated thread rather than on Swift's
/// cooperative pool; it feeds a ``MessageFramer`` and hands items over through a queue of at most
/// `maxQueuedItems`: when the server falls behind, the reader waits, and memory stays bounded.
///
/// ```swift
/// let input = InputChannel(fileDescriptor: STDIN_FILENO)
/// for await item in input.readItems() {
///     // .message(bytes, framing) or .failure(error, framing)
/// }
/// // end of input
/// ```
///
/// The channel does not own the descriptor and never closes it.
public final class InputChannel: Sendable {
    /// The descriptor read from.
    public let fileDescriptor: Int32
    /// Passed to the ``MessageFramer``.
    public let maxMessageBytes: Int
    /// Passed to the ``MessageFramer``.
    public let maxHeaderBytes: Int
    /// Bytes asked of each `read(2)`.
    public let chunkSize: Int
    /// Items read ahead of the consumer before the reader waits.
    public let maxQueuedItems: Int
    private let logger: Logger?
    private let started = Mutex(false)

    /// - Parameters:
    ///   - logger: told about a read error (end of input is not an error); nil for silence.
    public init(
        fileDescriptor: Int32, maxMessageBytes: Int = 64 << 20, maxHeaderBytes: Int = 16 << 10,
        chunkSize: Int = 64 << 10, maxQueuedItems: Int = 64, logger: Logger? = nil
    ) {
        self.fileDescriptor = fileDescriptor
        self.maxMessageBytes = maxMessageBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.chunkSize = max(1, chunkSize)
        self.maxQueuedItems = max(1, maxQueuedItems)
        self.logger = logger
    }

    /// Starts the reader thread and returns its items, in stream order.
    ///
    /// The stream finishes after end of input (once the framer's last items are out) or after a
    /// read error. Cancelling the consuming task ends the stream; the reader thread stops after
    /// its current `read(2)` returns. A descriptor has one reader: a second call returns an
    /// empty stream.
    public func readItems() -> AsyncStream<FramedItem> {
        let first = started.withLock { started in
            defer { started = true }
            return !started
        }
        guard first else { return AsyncStream { $0.finish() } }
        let queue = BoundedItemQueue(capacity: maxQueuedItems)
        let thread = Thread { [self] in readLoop(into: queue) }
        thread.name = "automl-input-\(fileDescriptor)"
        thread.start()
        return AsyncStream(unfolding: { await queue.take() }, onCancel: { queue.cancel() })
    }

    /// Reads until end of input, a read error, or cancellation; runs on the reader thread.
    private func readLoop(into queue: BoundedItemQueue) {
        var framer = MessageFramer(maxMessageBytes: maxMessageBytes, maxHeaderBytes: maxHeaderBytes)
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { SystemCalls.read(fileDescriptor, $0) }
            if count > 0 {
                chunk.withUnsafeBytes { framer.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                while let item = framer.next() {
                    guard queue.put(item) else { return }
                }
                continue
            }
            if count == 0 { break }
            let code = SystemCalls.lastError
            if SystemCalls.isRetryable(code) {
                if code != EINTR { SystemCalls.waitUntilReady(fileDescriptor, events: Int32(POLLIN)) }
                continue
            }
            logger?.error("reading descriptor \(fileDescriptor) failed: errno \(code)")
            break
        }
        while let item = framer.finish() {
            guard queue.put(item) else { return }
        }
        queue.finish()
    }
}
