#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AutoMLJSON

/// The append-only journal of one session: `<data-dir>/sessions/<id>.jsonl`.
///
/// A session appends each event before it replies, and replays the events to rebuild its
/// state after a restart. One line per event, each with a sequence number and a CRC-32 (see
/// ``JournalLine``), so a file readable by `jq` is also checked line by line when it is
/// opened:
///
/// ```swift
/// let journal = try Journal.create(at: "data/sessions/s1.jsonl", durability: .always)
/// try journal.append(["type": "create", "seed": 7])
/// journal.close()
/// let (reopened, events, _) = try Journal.open(at: "data/sessions/s1.jsonl", durability: .always)
/// ```
///
/// Guarantees:
/// - When ``append(_:)`` returns, the event is written (and synced, per ``Durability``).
/// - When it throws, the file is truncated back to the records acknowledged before it, and
///   ``count`` is unchanged: the journal holds exactly what was acknowledged.
/// - A record cut short at the end of the file (process killed mid-write, disk full) is
///   removed, and the removal synced, by ``open(at:durability:)`` before anything else is
///   appended; a damaged line anywhere else stops the open with its line number.
///
/// Ownership: a journal is owned by exactly one session actor and never shared; it is
/// `@unchecked Sendable` only so that it can be handed to that actor. An exclusive `flock`
/// on the file makes a second opener (another process, or the same session opened twice)
/// fail instead of interleaving records.
public final class Journal: @unchecked Sendable {
    /// The file's path, as given.
    public let path: String
    /// When appends are synced.
    public let durability: Durability
    /// The number of acknowledged records: the `seq` of the last one.
    public private(set) var count: Int

    /// In ``Durability/batch`` mode, an append syncs when the last sync is at least this old.
    public static let batchInterval: Duration = .milliseconds(200)

    private let fileSystem: any JournalFileSystem
    /// The open file, or -1 once closed.
    private var fd: Int32
    /// Bytes of the acknowledged records: the file's length whenever no append is under way.
    private var length: Int
    /// A failed append could not truncate its partial record away; the next one must.
    private var needsTruncate = false
    /// Acknowledged records written since the last sync (batch mode).
    private var unsynced = false
    /// When the last sync happened, per ``JournalFileSystem/monotonicNanoseconds()``.
    private var lastSync: UInt64

    private init(
        path: String, durability: Durability, fileSystem: any JournalFileSystem, fd: Int32, count: Int, length: Int
    ) {
        self.path = path
        self.durability = durability
        self.fileSystem = fileSystem
        self.fd = fd
        self.count = count
        self.length = length
        self.lastSync = fileSystem.monotonicNanoseconds()
    }

    deinit { close() }

    // MARK: - Creating and opening

    /// Creates an empty journal at `path`, with the directories above it.
    ///
    /// Unless `durability` is ``Durability/none``, the directories that gained an entry are
    /// synced, so the file itself survives a power loss.
    ///
    /// - Throws: ``JournalError/exists(path:)`` when a file is already there (a journal is
    ///   never overwritten); ``JournalError/io(path:operation:errno:message:)`` otherwise.
    public static func create(at path: String, durability: Durability) throws(JournalError) -> Journal {
        try create(at: path, durability: durability, fileSystem: POSIXJournalFileSystem())
    }

    /// ``create(at:durability:)`` with the system calls of appends going through
    /// `fileSystem` (a test seam).
    package static func create(
        at path: String, durability: Durability, fileSystem: any JournalFileSystem
    ) throws(JournalError) -> Journal {
        let fd = try JournalFiles.createFile(path, syncDirectories: durability != .none)
        return Journal(path: path, durability: durability, fileSystem: fileSystem, fd: fd, count: 0, length: 0)
    }

    /// Opens the journal at `path` and reads its events back, for replay.
    ///
    /// A torn tail (see ``JournalScanner/scan(_:path:)``) is truncated away and the
    /// truncation synced, whatever the durability, before this returns.
    ///
    /// - Returns: the journal, ready to append record `events.count + 1`; the events of the
    ///   acknowledged records in order; and whether a torn tail was removed.
    /// - Throws: ``JournalError/missing(path:)`` when there is no file;
    ///   ``JournalError/corrupt(path:line:reason:)`` when a line before the tail is damaged or
    ///   out of sequence; ``JournalError/io(path:operation:errno:message:)`` otherwise,
    ///   including when another owner holds the journal open.
    public static func open(
        at path: String, durability: Durability
    ) throws(JournalError) -> (journal: Journal, events: [JSON], repairedTail: Bool) {
        try open(at: path, durability: durability, fileSystem: POSIXJournalFileSystem())
    }

    /// ``open(at:durability:)`` with the system calls of the repair and of appends going
    /// through `fileSystem` (a test seam).
    package static func open(
        at path: String, durability: Durability, fileSystem: any JournalFileSystem
    ) throws(JournalError) -> (journal: Journal, events: [JSON], repairedTail: Bool) {
        let fd = try JournalFiles.openFile(path)
        do throws(JournalError) {
            let bytes = try JournalFiles.readAll(fd, path)
            let contents = try JournalScanner.scan(bytes, path: path)
            let repaired = contents.validLength < bytes.count
            if repaired {
                if let code = truncate(fd, to: contents.validLength, fileSystem) {
                    throw .io(path, "ftruncate", code)
                }
                if let code = fsync(fd, fileSystem) {
                    throw .io(path, "fsync", code)
                }
            }
            let journal = Journal(
                path: path, durability: durability, fileSystem: fileSystem, fd: fd,
                count: contents.events.count, length: contents.validLength)
            return (journal, contents.events, repaired)
        } catch {
            closeDescriptor(fd)
            throw error
        }
    }

    // MARK: - Appending

    /// Appends `event` as record ``count`` + 1, synced as ``durability`` says.
    ///
    /// - Throws: ``JournalError/io(path:operation:errno:message:)`` when the write or the
    ///   sync fails (`ENOSPC`, `EIO`, ...) or the journal is closed. The partial record is
    ///   then truncated away and ``count`` is unchanged, so the caller can report the error
    ///   and carry on; the next append is record ``count`` + 1 again.
    public func append(_ event: JSON) throws(JournalError) {
        guard fd >= 0 else { throw closedError("append") }
        if needsTruncate {
            if let code = Self.truncate(fd, to: length, fileSystem) {
                throw .io(path, "ftruncate", code)
            }
            needsTruncate = false
        }
        let line = JournalLine.encode(seq: count + 1, event: event)
        if let code = writeAll(line) {
            rollBack()
            throw .io(path, "write", code)
        }
        let now = fileSystem.monotonicNanoseconds()
        if durability == .always || (durability == .batch && now &- lastSync >= Self.batchNanoseconds) {
            if let code = Self.fsync(fd, fileSystem) {
                rollBack()
                throw .io(path, "fsync", code)
            }
            lastSync = now
            unsynced = false
        } else if durability == .batch {
            unsynced = true
        }
        length += line.count
        count += 1
    }

    /// Syncs the records not yet synced (batch mode); does nothing in the other modes, where
    /// ``Durability/always`` has synced every record and ``Durability/none`` never syncs.
    ///
    /// - Throws: ``JournalError/io(path:operation:errno:message:)`` when `fsync` fails. The
    ///   records stay acknowledged, but a power loss may take them back.
    public func sync() throws(JournalError) {
        guard fd >= 0, durability == .batch, unsynced else { return }
        if let code = Self.fsync(fd, fileSystem) { throw .io(path, "fsync", code) }
        lastSync = fileSystem.monotonicNanoseconds()
        unsynced = false
    }

    /// Syncs as ``sync()`` does, then closes the file and releases its lock. Later appends
    /// fail; closing twice does nothing. Call ``sync()`` first to see a sync error: `close`
    /// cannot report one.
    public func close() {
        guard fd >= 0 else { return }
        try? sync()
        closeDescriptor(fd)
        fd = -1
    }

    // MARK: - Internals

    private static let batchNanoseconds: UInt64 = {
        let (seconds, attoseconds) = batchInterval.components
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }()

    /// Writes all of `bytes`, continuing partial writes and retrying on `EINTR`. Returns the
    /// `errno` of a failure, or nil.
    private func writeAll(_ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                do throws(JournalSyscallError) {
                    let written = try fileSystem.write(fd, UnsafeRawBufferPointer(rebasing: buffer[offset...]))
                    guard written > 0 else { return EIO }
                    offset += written
                } catch let error where error.code == EINTR {
                    continue
                } catch {
                    return error.code
                }
            }
            return nil
        }
    }

    /// Cuts the file back to the acknowledged records after a failed append. When even that
    /// fails, the next append tries again before writing.
    private func rollBack() {
        needsTruncate = Self.truncate(fd, to: length, fileSystem) != nil
    }

    /// `fsync`, retried on `EINTR`. Returns the `errno` of a failure, or nil.
    private static func fsync(_ fd: Int32, _ fileSystem: any JournalFileSystem) -> Int32? {
        retryingInterrupts { () throws(JournalSyscallError) in try fileSystem.fsync(fd) }
    }

    /// `ftruncate`, retried on `EINTR`. Returns the `errno` of a failure, or nil.
    private static func truncate(_ fd: Int32, to length: Int, _ fileSystem: any JournalFileSystem) -> Int32? {
        retryingInterrupts { () throws(JournalSyscallError) in try fileSystem.truncate(fd, to: length) }
    }

    /// Runs `call`, again while it fails with `EINTR`. Returns the `errno` of another failure,
    /// or nil on success.
    private static func retryingInterrupts(_ call: () throws(JournalSyscallError) -> Void) -> Int32? {
        while true {
            do throws(JournalSyscallError) {
                try call()
                return nil
            } catch where error.code == EINTR {
                continue
            } catch {
                return error.code
            }
        }
    }

    private func closedError(_ operation: String) -> JournalError {
        .io(path: path, operation: operation, errno: EBADF, message: "the journal is closed")
    }
}

/// `close(2)`, under a name that the method ``Journal/close()`` does not shadow.
private func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}
