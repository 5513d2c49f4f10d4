import AutoMLEngine
import AutoMLJSON
import Foundation
import Testing

@Suite("Journal round trip")
struct JournalRoundTripTests {
    @Test func appendedEventsOpenInOrder() throws {
        try withJournalDirectory("round-trip") { directory in
            let path = directory + "/sessions/s1.jsonl"
            let journal = try Journal.create(at: path, durability: .always)
            let events = (1...5).map(journalSampleEvent)
            for event in events { try journal.append(event) }
            #expect(journal.count == 5)
            journal.close()

            let opened = try Journal.open(at: path, durability: .always)
            #expect(opened.events == events)
            #expect(opened.repairedTail == false)
            #expect(opened.journal.count == 5)
            #expect(opened.journal.path == path)
            opened.journal.close()
        }
    }

    @Test func eachLineIsJSONWithSeqEventAndChecksumOfItsPrefix() throws {
        try withJournalDirectory("line-format") { directory in
            let path = directory + "/s.jsonl"
            try makeSampleJournal(at: path, count: 3)
            let bytes = try journalFileBytes(path)
            let lines = journalLineRanges(bytes)
            #expect(lines.count == 3)
            for (index, range) in lines.enumerated() {
                let line = Array(bytes[range].dropLast())
                #expect(bytes[range].last == 0x0A)
                let parsed = try JSON.parse(line)
                let keys = parsed.objectValue?.keys
                #expect(keys == ["seq", "event", "crc32"])
                #expect(parsed["seq"] == .int(Int64(index + 1)))
                #expect(parsed["event"] == journalSampleEvent(index + 1))
                let checksum = CRC32.checksum(line.dropLast(20))
                #expect(parsed["crc32"] == .string(String(format: "%08x", checksum)))
                #expect(String(decoding: line.suffix(20), as: UTF8.self).hasPrefix(#","crc32":""#))
            }
        }
    }

    @Test func reopenedJournalContinuesTheSequence() throws {
        try withJournalDirectory("continue") { directory in
            let path = directory + "/s.jsonl"
            try makeSampleJournal(at: path, count: 2)
            let first = try Journal.open(at: path, durability: .always)
            try first.journal.append(journalSampleEvent(3))
            first.journal.close()
            let second = try Journal.open(at: path, durability: .always)
            #expect(second.events == (1...3).map(journalSampleEvent))
            #expect(second.journal.count == 3)
            second.journal.close()
        }
    }

    @Test func emptyFileIsAnEmptyJournal() throws {
        try withJournalDirectory("empty") { directory in
            let created = directory + "/created.jsonl"
            try Journal.create(at: created, durability: .always).close()
            let handMade = directory + "/hand-made.jsonl"
            try writeJournalFile(handMade, [])
            for path in [created, handMade] {
                let opened = try Journal.open(at: path, durability: .always)
                #expect(opened.events.isEmpty)
                #expect(opened.repairedTail == false)
                #expect(opened.journal.count == 0)
                try opened.journal.append(journalSampleEvent(1))
                opened.journal.close()
                #expect(try Journal.open(at: path, durability: .none).events == [journalSampleEvent(1)])
            }
        }
    }

    @Test func createMakesTheMissingDirectories() throws {
        try withJournalDirectory("mkdir") { directory in
            let path = directory + "/data/sessions/deep/s.jsonl"
            let journal = try Journal.create(at: path, durability: .always)
            journal.close()
            #expect(FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func createOnAnExistingFileThrowsExistsAndLeavesItAlone() throws {
        try withJournalDirectory("exists") { directory in
            let path = directory + "/s.jsonl"
            try makeSampleJournal(at: path, count: 2)
            let before = try journalFileBytes(path)
            #expect(throws: JournalError.exists(path: path)) {
                try Journal.create(at: path, durability: .always)
            }
            #expect(try journalFileBytes(path) == before)
        }
    }

    @Test func openingAMissingFileThrowsMissing() throws {
        try withJournalDirectory("missing") { directory in
            let path = directory + "/nope.jsonl"
            #expect(throws: JournalError.missing(path: path)) {
                try Journal.open(at: path, durability: .always)
            }
        }
    }

    @Test func appendAfterCloseThrowsAndWritesNothing() throws {
        try withJournalDirectory("closed") { directory in
            let path = directory + "/s.jsonl"
            let journal = try Journal.create(at: path, durability: .always)
            try journal.append(journalSampleEvent(1))
            journal.close()
            journal.close()
            let error = #expect(throws: JournalError.self) { try journal.append(journalSampleEvent(2)) }
            guard case .io(_, "append", _, _) = error else {
                Issue.record("expected an io error on append, got \(String(describing: error))")
                return
            }
            #expect(journal.count == 1)
            #expect(try Journal.open(at: path, durability: .always).events == [journalSampleEvent(1)])
        }
    }

    @Test func aJournalOpenTwiceIsRefused() throws {
        try withJournalDirectory("locked") { directory in
            let path = directory + "/s.jsonl"
            let journal = try Journal.create(at: path, durability: .always)
            let error = #expect(throws: JournalError.self) { try Journal.open(at: path, durability: .always) }
            guard case .io(_, "lock", _, _) = error else {
                Issue.record("expected a lock error, got \(String(describing: error))")
                return
            }
            journal.close()
            let reopened = try Journal.open(at: path, durability: .always)
            reopened.journal.close()
        }
    }

    @Test func errorMessagesNameTheFileAndTheProblem() {
        #expect(
            JournalError.corrupt(path: "/x/s.jsonl", line: 7, reason: "checksum mismatch").description
                == "journal /x/s.jsonl is corrupt at line 7: checksum mismatch")
        #expect(JournalError.exists(path: "/x/s.jsonl").description == "journal /x/s.jsonl already exists")
        #expect(JournalError.missing(path: "/x/s.jsonl").description == "journal /x/s.jsonl does not exist")
        let io = JournalError.io(path: "/x/s.jsonl", operation: "write", errno: 28, message: "No space left on device")
        #expect(io.description == "journal /x/s.jsonl: write failed: No space left on device (errno 28)")
    }
}
