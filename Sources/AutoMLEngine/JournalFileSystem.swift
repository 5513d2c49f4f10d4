#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An `errno` value from a failed system call.
package struct JournalSyscallError: Error, Equatable {
    package var code: Int32
    package init(_ code: Int32) { self.code = code }
}

/// The system calls a ``Journal`` makes on its open file, and its clock.
///
/// This is a test seam: the default, ``POSIXJournalFileSystem``, makes the real calls, and a
/// test double can fail a `write` with `ENOSPC` or an `fsync` with `EIO` to check that the
/// journal stays consistent without filling a disk. Each method is one raw call: the journal
/// itself retries on `EINTR` and continues partial writes.
package protocol JournalFileSystem: Sendable {
    /// `write(2)`: writes a prefix of `bytes` and returns its length.
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(JournalSyscallError) -> Int
    /// `fsync(2)`.
    func fsync(_ fd: Int32) throws(JournalSyscallError)
    /// `ftruncate(2)`.
    func truncate(_ fd: Int32, to length: Int) throws(JournalSyscallError)
    /// A monotonic clock in nanoseconds, for the batch-mode sync interval.
    func monotonicNanoseconds() -> UInt64
}

/// The real system calls.
package struct POSIXJournalFileSystem: JournalFileSystem {
    package init() {}

    package func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(JournalSyscallError) -> Int {
        let written = systemWrite(fd, bytes)
        if written < 0 { throw JournalSyscallError(errno) }
        return written
    }

    package func fsync(_ fd: Int32) throws(JournalSyscallError) {
        if systemFsync(fd) != 0 { throw JournalSyscallError(errno) }
    }

    package func truncate(_ fd: Int32, to length: Int) throws(JournalSyscallError) {
        if systemFtruncate(fd, length) != 0 { throw JournalSyscallError(errno) }
    }

    package func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }
}

// Free functions, so that the names resolve to the C library rather than to the methods above.

private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    return write(fd, base, bytes.count)
}

private func systemFsync(_ fd: Int32) -> Int32 { fsync(fd) }

private func systemFtruncate(_ fd: Int32, _ length: Int) -> Int32 { ftruncate(fd, off_t(length)) }
