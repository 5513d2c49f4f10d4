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
            try makeJournal(at: source, count: 3)
            let bytes = try fileBytes(source)
            guard let last = lineRanges(bytes).last else {
                Issue.record("the source journal has no lines")
                return
            }
            let prior = (1...2).map(sampleEvent)
            for cut in last.lowerBound..<last.upperBound {
                let path = directory + "/cut-\(cut).jsonl"
                try writeFile(path, Array(bytes[..<cut]))

                let opened = try Journal.open(at: path, durability: .none)
                #expect(opened.events == prior, "cut at byte \(cut)")
                #expect(opened.repairedTail == (cut > last.lowerBound), "cut at byte \(cut)")
                #expect(opened.journal.count == 2)
                #expect(try fileBytes(path) == Array(bytes[..<last.lowerBound]), "cut at byte \(cut)")

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
            try makeJournal(at: path, count: 2)
            let good = try fileBytes(path)
            try writeFile(path, good + [UInt8](repeating: 0, count: 4096))

            let opened = try Journal.open(at: path, durability: .always)
            #expect(opened.events == (1...2).map(sampleEvent))
            #expect(opened.repairedTail)
            #expect(try fileBytes(path) == good)
            opened.journal.close()
        }
    }

    @Test func lastLineZeroedWithItsNewlineIsRemoved() throws {
        try withJournalDirectory("torn-zeroed-line") { directory in
            let path = directory + "/s.jsonl"
            try makeJournal(at: path, count: 3)
            var bytes = try fileBytes(path)
            let ranges = lineRanges(bytes)
            for index in ranges[2] { bytes[index] = 0 }
            try writeFile(path, bytes)

            let opened = try Journal.open(at: path, durability: .always)
            #expect(opened.events == (1...2).map(sampleEvent))
            #expect(opened.repairedTail)
            #expect(try fileBytes(path) == Array(bytes[..<ranges[2].lowerBound]))
            opened.journal.close()
        }
    }

    @Test func damagedNewlineTerminatedLastLineIsRemoved() throws {
        try withJournalDirectory("torn-damaged-last") { directory in
            let path = directory + "/s.jsonl"
            try makeJournal(at: path, count: 3)
            var bytes = try fileBytes(path)
            let ranges = lineRanges(bytes)
            bytes[ranges[2].lowerBound + 12] ^= 0x04
            for withNULs in [false, true] {
                try writeFile(path, bytes + (withNULs ? [0, 0, 0] : []))
                let opened = try Journal.open(at: path, durability: .always)
                #expect(opened.events == (1...2).map(sampleEvent))
                #expect(opened.repairedTail)
                #expect(try fileBytes(path) == Array(bytes[..<ranges[2].lowerBound]))
                opened.journal.close()
            }
        }
    }

    @Test func completeRecordWithoutItsNewlineIsNotAcknowledged() throws {
        try withJournalDirectory("torn-no-newline") { directory in
            let path = directory + "/s.jsonl"
            try makeJournal(at: path, count: 2)
            let good = try fileBytes(path)
            let unfinished = JournalLine.encode(seq: 3, event: sampleEvent(3)).dropLast()
            try writeFile(path, good + unfinished)

            let opened = try Journal.open(at: path, durability: .always)
            #expect(opened.events == (1...2).map(sampleEvent))
            #expect(opened.repairedTail)
            #expect(try fileBytes(path) == good)
            opened.journal.close()
        }
    }

    @Test func repairFailureFailsTheOpenAndLeavesTheFile() throws {
        try withJournalDirectory("torn-repair-fails") { directory in
            let path = directory + "/s.jsonl"
            try makeJournal(at: path, count: 2)
            let torn = try fileBytes(path) + Array(#"{"seq":3,"ev"#.utf8)
            try writeFile(path, torn)
            let fileSystem = ScriptedFileSystem()
            fileSystem.scriptTruncates([EIO])
            let error = #expect(throws: JournalError.self) {
                try Journal.open(at: path, durability: .always, fileSystem: fileSystem)
            }
            guard case .io(_, "ftruncate", EIO, _) = error else {
                Issue.record("expected an ftruncate error, got \(String(describing: error))")
                return
            }
            #expect(try fileBytes(path) == torn)
            // The failed open released the file: a later open repairs it.
            let opened = try Journal.open(at: path, durability: .always)
            #expect(opened.repairedTail)
            #expect(opened.events.count == 2)
            opened.journal.close()
        }
    }
}
