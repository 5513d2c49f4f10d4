#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a journal could not be created, opened or appended to.
///
/// Every case names the file, so the message alone tells an operator where to look:
/// `journal /data/sessions/s1.jsonl is corrupt at line 7: checksum mismatch`.
public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A line before the end of the file is damaged or out of sequence. The journal is not
    /// opened: silently dropping an acknowledged event would replay a different history.
    /// `line` is 1-based, as editors and `sed -n 7p` count.
    case corrupt(path: String, line: Int, reason: String)
    /// A system call failed. `operation` names it (`write`, `fsync`, `open`, ...), `errno` is
    /// the raw code and `message` its `strerror` text.
    case io(path: String, operation: String, errno: Int32, message: String)
    /// ``Journal/create(at:durability:)`` found a file already there.
    case exists(path: String)
    /// ``Journal/open(at:durability:)`` found no file there.
    case missing(path: String)

    public var description: String {
        switch self {
        case .corrupt(let path, let line, let reason):
            return "journal \(path) is corrupt at line \(line): \(reason)"
        case .io(let path, let operation, let errno, let message):
            return "journal \(path): \(operation) failed: \(message) (errno \(errno))"
        case .exists(let path):
            return "journal \(path) already exists"
        case .missing(let path):
            return "journal \(path) does not exist"
        }
    }

    /// An `.io` error for `code`, with the system's text for it.
    static func io(_ path: String, _ operation: String, _ code: Int32) -> JournalError {
        .io(path: path, operation: operation, errno: code, message: String(cString: strerror(code)))
    }
}
