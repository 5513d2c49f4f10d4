import AutoMLEngine
import AutoMLJSON
import Testing

/// Damage before the tail is never skipped: the open fails and names the line.
@Suite("Journal corruption")
struct JournalCorruptionTests {
    /// Opens `bytes` as a journal and returns the line and reason of the corruption reported,
    /// checking that the file is left as it was.
    private func corruption(
        of bytes: [UInt8], in directory: String, name: String
    ) throws -> (line: Int, reason: String)? {
        let path = directory + "/" + name + ".jsonl"
        try writeJournalFile(path, bytes)
        defer { #expect((try? journalFileBytes(path)) == bytes, "a corrupt journal must be left untouched") }
        do throws(JournalError) {
            let opened = try Journal.open(at: path, durability: .none)
            opened.journal.close()
            return nil
        } catch {
            guard case .corrupt(let errorPath, let line, let reason) = error else {
                Issue.record("expected corruption, got \(error)")
                return nil
            }
            #expect(errorPath == path)
            return (line, reason)
        }
    }

    private func records(_ count: Int) -> [[UInt8]] {
        (1...count).map { JournalLine.encode(seq: $0, event: journalSampleEvent($0)) }
    }

    @Test func flippedBitAnywhereInAMiddleLineIsReportedAtThatLine() throws {
        try withJournalDirectory("corrupt-flip") { directory in
            let lines = records(4)
            let start = lines[0].count
            let bytes = lines.flatMap { $0 }
            // Every byte of line 2, its newline included (which glues lines 2 and 3).
            for offset in 0..<lines[1].count {
                var damaged = bytes
                damaged[start + offset] ^= 0x01
                let found = try corruption(of: damaged, in: directory, name: "flip-\(offset)")
                #expect(found?.line == 2, "flip at offset \(offset) of line 2")
            }
        }
    }

    @Test func checksumMismatchIsNamedInTheReason() throws {
        try withJournalDirectory("corrupt-reason") { directory in
            var lines = records(3)
            lines[1][10] ^= 0x02
            let found = try corruption(of: lines.flatMap { $0 }, in: directory, name: "reason")
            #expect(found?.line == 2)
            #expect(found?.reason.hasPrefix("checksum mismatch") == true)
        }
    }

    @Test func recordGluedOntoAFragmentInTheMiddleIsCorruption() throws {
        try withJournalDirectory("corrupt-glued") { directory in
            // What a journal that does not repair its tail produces: a fragment of an
            // unacknowledged record, the next record written right after it, then more.
            let lines = records(4)
            let fragment = Array(JournalLine.encode(seq: 2, event: journalSampleEvent(99)).prefix(25))
            let bytes = lines[0] + fragment + lines[1] + lines[2] + lines[3]
            let found = try corruption(of: bytes, in: directory, name: "glued")
            #expect(found?.line == 2)
        }
    }

    @Test func outOfSequenceLineIsCorruption() throws {
        try withJournalDirectory("corrupt-seq") { directory in
            let lines = [
                JournalLine.encode(seq: 1, event: journalSampleEvent(1)),
                JournalLine.encode(seq: 3, event: journalSampleEvent(3)),
                JournalLine.encode(seq: 4, event: journalSampleEvent(4)),
            ]
            let found = try corruption(of: lines.flatMap { $0 }, in: directory, name: "seq")
            #expect(found?.line == 2)
            #expect(found?.reason == "expected seq 2, found 3")
        }
    }

    @Test func repeatedRecordIsCorruption() throws {
        try withJournalDirectory("corrupt-repeat") { directory in
            let lines = records(3)
            let found = try corruption(of: lines[0] + lines[1] + lines[1] + lines[2], in: directory, name: "repeat")
            #expect(found?.line == 3)
            #expect(found?.reason == "expected seq 3, found 2")
        }
    }

    @Test func wrongSequenceWithAValidChecksumIsCorruptionEvenOnTheLastLine() throws {
        try withJournalDirectory("corrupt-seq-last") { directory in
            let lines = records(2) + [JournalLine.encode(seq: 5, event: journalSampleEvent(5))]
            let found = try corruption(of: lines.flatMap { $0 }, in: directory, name: "seq-last")
            #expect(found?.line == 3)
        }
    }

    @Test func validChecksumOverInvalidJSONIsCorruption() throws {
        try withJournalDirectory("corrupt-json") { directory in
            let body = Array(#"{"seq":1,"event":"#.utf8)
            let crc = CRC32.checksum(body)
            let hex = (0..<8).map { String(crc >> (28 - 4 * UInt32($0)) & 0xF, radix: 16) }.joined()
            let line = body + Array(#","crc32":"\#(hex)"}"#.utf8) + [0x0A]
            let found = try corruption(of: line, in: directory, name: "json")
            #expect(found?.line == 1)
        }
    }

    @Test func twoDamagedLinesAtTheEndAreCorruptionNotATornTail() throws {
        try withJournalDirectory("corrupt-two-damaged") { directory in
            var lines = records(4)
            lines[2][5] ^= 0x01
            lines[3][5] ^= 0x01
            let found = try corruption(of: lines.flatMap { $0 }, in: directory, name: "two")
            #expect(found?.line == 3)
        }
    }

    @Test func damagedLineFollowedByAFragmentIsCorruption() throws {
        try withJournalDirectory("corrupt-damaged-then-fragment") { directory in
            var lines = records(3)
            lines[1][5] ^= 0x01
            let found = try corruption(
                of: lines[0] + lines[1] + Array(lines[2].prefix(10)), in: directory, name: "fragment")
            #expect(found?.line == 2)
        }
    }

    @Test func emptyLineInTheMiddleIsCorruption() throws {
        try withJournalDirectory("corrupt-empty-line") { directory in
            let lines = records(2)
            let found = try corruption(of: lines[0] + [0x0A] + lines[1], in: directory, name: "empty")
            #expect(found?.line == 2)
            #expect(found?.reason == "empty line")
        }
    }
}
