import AutoMLEngine
import AutoMLJSON
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed write or sync fails that append only: the file is cut back to the acknowledged
/// records and the next append carries on from there.
@Suite("Journal faults")
struct JournalFaultTests {
    /// Asserts that `error` is `.io` for `operation` with `code`.
    private func expectIO(_ error: JournalError?, _ operation: String, _ code: Int32) {
        guard case .io(_, let found, let errno, let message) = error else {
            Issue.record("expected an io error, got \(String(describing: error))")
            return
        }
        #expect(found == operation)
        #expect(errno == code)
        #expect(!message.isEmpty)
    }

    @Test func diskFullMidWriteFailsTheAppendAndLeavesTheFileAsItWas() throws {
        try withJournalDirectory("fault-enospc") { directory in
            let path = directory + "/s.jsonl"
            let fileSystem = ScriptedJournalFileSystem()
            let journal = try Journal.create(at: path, durability: .always, fileSystem: fileSystem)
            try journal.append(journalSampleEvent(1))
            let before = try journalFileBytes(path)

            fileSystem.scriptWrites([.partial(17), .fail(ENOSPC)])
            let error = #expect(throws: JournalError.self) { try journal.append(journalSampleEvent(2)) }
            expectIO(error, "write", ENOSPC)
            #expect(journal.count == 1)
            #expect(try journalFileBytes(path) == before)

            try journal.append(journalSampleEvent(3))
            #expect(journal.count == 2)
            journal.close()
            let opened = try Journal.open(at: path, durability: .always)
            #expect(opened.events == [journalSampleEvent(1), journalSampleEvent(3)])
            #expect(opened.repairedTail == false)
            opened.journal.close()
        }
    }

    @Test func failedFsyncFailsTheAppendAndRemovesTheRecord() throws {
        try withJournalDirectory("fault-eio") { directory in
            let path = directory + "/s.jsonl"
            let fileSystem = ScriptedJournalFileSystem()
            let journal = try Journal.create(at: path, durability: .always, fileSystem: fileSystem)
            try journal.append(journalSampleEvent(1))
            let before = try journalFileBytes(path)

            fileSystem.scriptFsyncs([EIO])
            let error = #expect(throws: JournalError.self) { try journal.append(journalSampleEvent(2)) }
            expectIO(error, "fsync", EIO)
            #expect(journal.count == 1)
            #expect(try journalFileBytes(path) == before)

            try journal.append(journalSampleEvent(3))
            journal.close()
            let events = try Journal.open(at: path, durability: .always).events
            #expect(events == [journalSampleEvent(1), journalSampleEvent(3)])
        }
    }

    @Test func failedRollbackIsRepairedBeforeTheNextAppend() throws {
        try withJournalDirectory("fault-rollback") { directory in
            let path = directory + "/s.jsonl"
            let fileSystem = ScriptedJournalFileSystem()
            let journal = try Journal.create(at: path, durability: .always, fileSystem: fileSystem)
            try journal.append(journalSampleEvent(1))
            let before = try journalFileBytes(path)

            fileSystem.scriptWrites([.partial(30), .fail(EIO)])
            fileSystem.scriptTruncates([EIO])
            #expect(throws: JournalError.self) { try journal.append(journalSampleEvent(2)) }
            #expect(try journalFileBytes(path).count == before.count + 30, "the fragment stays while ftruncate fails")

            try journal.append(journalSampleEvent(3))
            journal.close()
            let opened = try Journal.open(at: path, durability: .always)
            #expect(opened.events == [journalSampleEvent(1), journalSampleEvent(3)])
            #expect(opened.repairedTail == false)
            opened.journal.close()
        }
    }

    @Test func persistentTruncateFailureFailsLaterAppendsWithoutWriting() throws {
        try withJournalDirectory("fault-rollback-twice") { directory in
            let path = directory + "/s.jsonl"
            let fileSystem = ScriptedJournalFileSystem()
            let journal = try Journal.create(at: path, durability: .always, fileSystem: fileSystem)
            fileSystem.scriptWrites([.partial(5), .fail(ENOSPC)])
            fileSystem.scriptTruncates([EIO, EIO])
            #expect(throws: JournalError.self) { try journal.append(journalSampleEvent(1)) }
            let error = #expect(throws: JournalError.self) { try journal.append(journalSampleEvent(2)) }
            expectIO(error, "ftruncate", EIO)
            #expect(try journalFileBytes(path).count == 5)

            try journal.append(journalSampleEvent(3))
            journal.close()
            #expect(try Journal.open(at: path, durability: .always).events == [journalSampleEvent(3)])
        }
    }

    @Test func interruptedAndPartialWritesStillWriteWholeRecords() throws {
        try withJournalDirectory("fault-eintr") { directory in
            let path = directory + "/s.jsonl"
            let fileSystem = ScriptedJournalFileSystem()
            let journal = try Journal.create(at: path, durability: .always, fileSystem: fileSystem)
            let steps = (0..<400).map { $0 % 2 == 0 ? ScriptedJournalFileSystem.WriteStep.fail(EINTR) : .partial(3) }
            fileSystem.scriptWrites(steps)
            fileSystem.scriptFsyncs([EINTR])
            for index in 1...3 { try journal.append(journalSampleEvent(index)) }
            journal.close()
            let opened = try Journal.open(at: path, durability: .always)
            #expect(opened.events == (1...3).map(journalSampleEvent))
            opened.journal.close()
        }
    }
}
