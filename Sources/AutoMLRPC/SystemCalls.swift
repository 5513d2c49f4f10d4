#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls the stdio transport makes, named apart from the methods that use them.
enum SystemCalls {
    /// `read(2)`: bytes read, 0 at end of file, or -1 with `errno` set.
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        #if canImport(Darwin)
        return Darwin.read(fd, base, buffer.count)
        #elseif canImport(Musl)
        return Musl.read(fd, base, buffer.count)
        #else
        return Glibc.read(fd, base, buffer.count)
        #endif
    }

    /// `write(2)`: bytes written, or -1 with `errno` set.
    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        #if canImport(Darwin)
        return Darwin.write(fd, base, bytes.count)
        #elseif canImport(Musl)
        return Musl.write(fd, base, bytes.count)
        #else
        return Glibc.write(fd, base, bytes.count)
        #endif
    }

    /// The calling thread's `errno`.
    static var lastError: Int32 { errno }

    /// True when `code` means "try again": interrupted, or a non-blocking descriptor not ready.
    static func isRetryable(_ code: Int32) -> Bool {
        code == EINTR || code == EAGAIN || code == EWOULDBLOCK
    }

    /// Blocks until `fd` is ready for `events` (`POLLIN` or `POLLOUT`), for descriptors that
    /// were left non-blocking by the parent process.
    static func waitUntilReady(_ fd: Int32, events: Int32) {
        var entry = pollfd(fd: fd, events: Int16(events), revents: 0)
        _ = poll(&entry, 1, -1)
    }

    /// Makes a write to a closed pipe fail with EPIPE instead of killing the process.
    static func ignoreSIGPIPE() {
        _ = signal(SIGPIPE, SIG_IGN)
    }
}
