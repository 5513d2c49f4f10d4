import AutoMLEngine
import AutoMLJSON
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` with the path of a fresh, empty directory under the system's temporary
/// directory, and removes the directory afterwards. The name is built from the process id and
/// `tag`, which must be unique among the tests of this process (they run in parallel).
func withJournalDirectory<R>(_ tag: String, _ body: (String) throws -> R) throws -> R {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("automl-journal-tests-\(getpid())-\(tag)", isDirectory: true)
    try? FileManager.default.removeItem(at: url)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}

/// The bytes of the file at `path`.
func journalFileBytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Replaces the content of the file at `path`.
func writeJournalFile(_ path: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// A varied event: nested values, reals, Unicode and a newline inside a string.
func journalSampleEvent(_ index: Int) -> JSON {
    [
        "type": "tell",
        "trialId": .int(Int64(index)),
        "value": .double(Double(index) / 3),
        "config": ["lr": 0.001, "layers": [64, 32], "act": "relu"],
        "note": .string("line \(index)\nnaïve ✓"),
    ]
}

/// Creates a journal at `path` holding `journalSampleEvent(1...count)` and closes it.
func makeSampleJournal(at path: String, count: Int) throws {
    let journal = try Journal.create(at: path, durability: .none)
    for index in 0..<count { try journal.append(journalSampleEvent(index + 1)) }
    journal.close()
}

/// The byte ranges of the lines of `bytes`, each including its newline.
func journalLineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == 0x0A {
        ranges.append(start..<(index + 1))
        start = index + 1
    }
    if start < bytes.count { ranges.append(start..<bytes.count) }
    return ranges
}

/// A ``JournalFileSystem`` that makes the real calls unless a script says otherwise, counts
/// them, and has a clock the test moves by hand.
final class ScriptedJournalFileSystem: JournalFileSystem, @unchecked Sendable {
    /// What the next `write` call does.
    enum WriteStep {
        /// Writes at most this many bytes (a partial write).
        case partial(Int)
        /// Fails with this errno, writing nothing.
        case fail(Int32)
    }

    private let lock = NSLock()
    private let real = POSIXJournalFileSystem()
    private var writeScript: [WriteStep] = []
    private var fsyncScript: [Int32] = []
    private var truncateScript: [Int32] = []
    private var clock: UInt64 = 1_000_000_000
    private var fsyncs = 0

    /// Queues steps for the next `write` calls; after them writes are real and whole.
    func scriptWrites(_ steps: [WriteStep]) { locked { writeScript += steps } }
    /// Queues errnos for the next `fsync` calls.
    func scriptFsyncs(_ codes: [Int32]) { locked { fsyncScript += codes } }
    /// Queues errnos for the next `ftruncate` calls.
    func scriptTruncates(_ codes: [Int32]) { locked { truncateScript += codes } }
    /// Moves the clock forward.
    func advance(milliseconds: UInt64) { locked { clock += milliseconds * 1_000_000 } }
    /// The number of `fsync` calls that reached the disk.
    var fsyncCount: Int { locked { fsyncs } }

    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(JournalSyscallError) -> Int {
        let step: WriteStep? = locked { writeScript.isEmpty ? nil : writeScript.removeFirst() }
        switch step {
        case .none:
            return try real.write(fd, bytes)
        case .partial(let limit):
            return try real.write(fd, UnsafeRawBufferPointer(rebasing: bytes.prefix(limit)))
        case .fail(let code):
            throw JournalSyscallError(code)
        }
    }

    func fsync(_ fd: Int32) throws(JournalSyscallError) {
        let code: Int32? = locked { fsyncScript.isEmpty ? nil : fsyncScript.removeFirst() }
        if let code { throw JournalSyscallError(code) }
        try real.fsync(fd)
        locked { fsyncs += 1 }
    }

    func truncate(_ fd: Int32, to length: Int) throws(JournalSyscallError) {
        let code: Int32? = locked { truncateScript.isEmpty ? nil : truncateScript.removeFirst() }
        if let code { throw JournalSyscallError(code) }
        try real.truncate(fd, to: length)
    }

    func monotonicNanoseconds() -> UInt64 { locked { clock } }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
