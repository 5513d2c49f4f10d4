#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Writes whole frames to a file descriptor (stdout for `automl serve`), one writer at a time.
///
/// Each `write` holds a lock until every byte is out, so frames from concurrent requests never
/// interleave. Partial writes and EINTR are retried. The first failure (EPIPE when the client has
/// gone) closes the channel for good: that write and every later one throw
/// ``TransportError/closed``. Call ``ignoreSIGPIPE()`` once at start-up so a vanished client
/// yields EPIPE rather than killing the process.
///
/// ```swift
/// OutputChannel.ignoreSIGPIPE()
/// let output = OutputChannel(fileDescriptor: STDOUT_FILENO)
/// try output.send(Array(#"{"jsonrpc":"2.0","id":1,"result":null}"#.utf8), framing: .line)
/// ```
///
/// The channel does not own the descriptor and never closes it.
public final class OutputChannel: Sendable {
    /// The descriptor written to.
    public let fileDescriptor: Int32
    /// True once a write has failed; guarded by the same lock that serializes writes.
    private let closed = Mutex(false)

    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// Sets SIGPIPE to be ignored, process-wide, so writes to a closed pipe fail with EPIPE.
    public static func ignoreSIGPIPE() {
        SystemCalls.ignoreSIGPIPE()
    }

    /// True once a write has failed; later writes throw at once.
    public var isClosed: Bool {
        closed.withLock { $0 }
    }

    /// Writes all of `bytes`, atomically with respect to other writers of this channel.
    /// - Throws: ``TransportError/closed`` if this or an earlier write failed.
    public func write(_ bytes: [UInt8]) throws(TransportError) {
        try closed.withLock { (isClosed: inout Bool) throws(TransportError) in
            if isClosed { throw .closed }
            if !writeAll(bytes) {
                isClosed = true
                throw .closed
            }
        }
    }

    /// Frames `body` with ``FrameEncoder`` and writes it.
    /// - Throws: ``TransportError/closed`` if the write failed now or before.
    public func send(_ body: [UInt8], framing: Framing) throws(TransportError) {
        try write(FrameEncoder.encode(body, framing: framing))
    }

    /// Loops until every byte is written; false on any error other than a retryable one.
    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = SystemCalls.write(fileDescriptor, UnsafeRawBufferPointer(rebasing: raw[offset...]))
                if written > 0 {
                    offset += written
                    continue
                }
                let code = SystemCalls.lastError
                guard written < 0, SystemCalls.isRetryable(code) else { return false }
                if code != EINTR { SystemCalls.waitUntilReady(fileDescriptor, events: Int32(POLLOUT)) }
            }
            return true
        }
    }
}
