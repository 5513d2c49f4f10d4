import AutoMLEngine
import AutoMLJSON
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A record cut short at the end of the file is the normal result of a crash: the journal
/// opens with the records before it, and removes it before the next append, so that the next
/// record is not glued onto the fragment.
@Suite("Journal torn tail")
struct JournalTornTailTests {
    @Test func cutAtEveryByteOfTheLastLineOpensWithThePriorRecordsAndAppendsCleanly() throws {
        try withJournalDirectory("torn-every-offset") { directory in
            let source = directory + "/source.jsonl"
            try makeSampleJournal(at: source, count: 3)
            let bytes = try journalFileBytes(source)
            guard let last = journalLineRanges(bytes).last else {
                Issue.record("the source journal has no lines")
                return
            }
            let prior = (1...2).map(journalSampleEvent)
            for cut in last.lowerBound..<last.upperBound {
                let path = directory + "/cut-\(cut).jsonl"
                try writeJournalFile(path, Array(bytes[..<cut]))

                let opened = try Journal.open(at: path, durability: .none)
                #expect(opened.events == prior, "cut at byte \(cut)")
                #expect(opened.repairedTail == (cut > last.lowerBound), "cut at byte \(cut)")
                #expect(opened.journal.count == 2)
                #expect(try journalFileBytes(path) == Array(bytes[..<last.lowerBound]), "cut at byte \(cut)")

                let next: JSON = ["type": "after-crash", "cut": .int(Int64(cut))]
                try opened.journal.append(next)
                opened.journal.close()

                let reopened = try Journal.open(at: path, durability: .none)
                #expect(reopened.events == prior + [next], "cut at byte \(cut)")
                #expect(reopened.repairedTail == false)
                reopened.journal.close()
            }
        }
    }

    @Test func trailingNULsAfterTheLastRecordAreRemoved() throws {
        try withJournalDirectory("torn-nul") { directory in
            let path = directory + "/s.jsonl"
            try makeSampleJournal(at: path, count: 2)
            let good = try journalFileBytes(path)
            try writeJournalFile(path, good + [UInt8](repeating: 0, count: 4096))

            let opened = try Journal.open(at: path, durability: .always)
            #expect(opened.events == (1...2).map(journalSampleEvent))
            #expect(opened.repairedTail)
            #expect(try journalFileBytes(path) == good)
            opened.journal.close()
        }
    }

    @Test func lastLineZeroedWithItsNewlineIsRemoved() throws {
        try withJournalDirectory("torn-zeroed-line") { directory in
            let path = directory + "/s.jsonl"
            try makeSampleJournal(at: path, count: 3)
            var bytes = try journalFileBytes(path)
            let ranges = journalLineRanges(bytes)
            for index in ranges[2] { bytes[index] = 0 }
            try writeJournalFile(path, bytes)

            let opened = try Journal.open(at: path, durability: .always)
            #expect(opened.events == (1...2).map(journalSampleEvent))
            #expect(opened.repairedTail)
            #expect(try journalFileBytes(path) == Array(bytes[..<ranges[2].lowerBound]))
            opened.journal.close()
        }
    }

    @Test func damagedNewlineTerminatedLastLineIsRemoved() throws {
        try withJournalDirectory("torn-damaged-last") { directory in
            let path = directory + "/s.jsonl"
            try makeSampleJournal(at: path, count: 3)
            var bytes = try journalFileBytes(path)
            let ranges = journalLineRanges(bytes)
            bytes[ranges[2].lowerBound + 12] ^= 0x04
            for withNULs in [false, true] {
                try writeJournalFile(path, bytes + (withNULs ? [0, 0, 0] : []))
                let opened = try Journal.open(at: path, durability: .always)
                #expect(opened.events == (1...2).map(journalSampleEvent))
                #expect(opened.repairedTail)
                #expect(try journalFileBytes(path) == Array(bytes[..<ranges[2].lowerBound]))
                opened.journal.close()
            }
        }
    }

    @Test func completeRecordWithoutItsNewlineIsNotAcknowledged() throws {
        try withJournalDirectory("torn-no-newline") { directory in
            let path = directory + "/s.jsonl"
            try makeSampleJournal(at: path, count: 2)
            let good = try journalFileBytes(path)
            let unfinished = JournalLine.encode(seq: 3, event: journalSampleEvent(3)).dropLast()
            try writeJournalFile(path, good + unfinished)

            let opened = try Journal.open(at: path, durability: .always)
            #expect(opened.events == (1...2).map(journalSampleEvent))
            #expect(opened.repairedTail)
            #expect(try journalFileBytes(path) == good)
            opened.journal.close()
        }
    }

    @Test func repairFailureFailsTheOpenAndLeavesTheFile() throws {
        try withJournalDirectory("torn-repair-fails") { directory in
            let path = directory + "/s.jsonl"
            try makeSampleJournal(at: path, count: 2)
            let torn = try journalFileBytes(path) + Array(#"{"seq":3,"ev"#.utf8)
            try writeJournalFile(path, torn)
            let fileSystem = ScriptedJournalFileSystem()
            fileSystem.scriptTruncates([EIO])
            let error = #expect(throws: JournalError.self) {
                try Journal.open(at: path, durability: .always, fileSystem: fileSystem)
            }
            guard case .io(_, "ftruncate", EIO, _) = error else {
                Issue.record("expected an ftruncate error, got \(String(describing: error))")
                return
            }
            #expect(try journalFileBytes(path) == torn)
            // The failed open released the file: a later open repairs it.
            let opened = try Journal.open(at: path, durability: .always)
            #expect(opened.repairedTail)
            #expect(opened.events.count == 2)
            opened.journal.close()
        }
    }
}
