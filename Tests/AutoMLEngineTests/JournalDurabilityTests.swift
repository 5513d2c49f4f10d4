import AutoMLEngine
import AutoMLJSON
import Foundation
import Testing

@Suite("Journal durability")
struct JournalDurabilityTests {
    @Test(arguments: Durability.allCases)
    func everyModeRoundTrips(durability: Durability) throws {
        try withJournalDirectory("durability-\(durability.rawValue)") { directory in
            let path = directory + "/sessions/s.jsonl"
            let journal = try Journal.create(at: path, durability: durability)
            #expect(journal.durability == durability)
            for index in 1...4 { try journal.append(journalSampleEvent(index)) }
            try journal.sync()
            journal.close()
            let opened = try Journal.open(at: path, durability: durability)
            #expect(opened.events == (1...4).map(journalSampleEvent))
            try opened.journal.append(journalSampleEvent(5))
            opened.journal.close()
            #expect(try Journal.open(at: path, durability: durability).events == (1...5).map(journalSampleEvent))
        }
    }

    @Test func alwaysSyncsEveryAppend() throws {
        try withJournalDirectory("durability-always-count") { directory in
            let fileSystem = ScriptedJournalFileSystem()
            let journal = try Journal.create(at: directory + "/s.jsonl", durability: .always, fileSystem: fileSystem)
            for index in 1...3 { try journal.append(journalSampleEvent(index)) }
            #expect(fileSystem.fsyncCount == 3)
            try journal.sync()
            journal.close()
            #expect(fileSystem.fsyncCount == 3)
        }
    }

    @Test func batchSyncsWhenTheIntervalHasPassedAndOnSyncAndClose() throws {
        try withJournalDirectory("durability-batch-count") { directory in
            let fileSystem = ScriptedJournalFileSystem()
            let journal = try Journal.create(at: directory + "/s.jsonl", durability: .batch, fileSystem: fileSystem)
            try journal.append(journalSampleEvent(1))
            fileSystem.advance(milliseconds: 150)
            try journal.append(journalSampleEvent(2))
            #expect(fileSystem.fsyncCount == 0, "younger than the interval")

            fileSystem.advance(milliseconds: 60)
            try journal.append(journalSampleEvent(3))
            #expect(fileSystem.fsyncCount == 1, "210 ms after the last sync")

            try journal.append(journalSampleEvent(4))
            #expect(fileSystem.fsyncCount == 1)
            try journal.sync()
            #expect(fileSystem.fsyncCount == 2)
            try journal.sync()
            #expect(fileSystem.fsyncCount == 2, "nothing left to sync")

            try journal.append(journalSampleEvent(5))
            journal.close()
            #expect(fileSystem.fsyncCount == 3)
        }
    }

    @Test func noneNeverSyncs() throws {
        try withJournalDirectory("durability-none-count") { directory in
            let fileSystem = ScriptedJournalFileSystem()
            let journal = try Journal.create(at: directory + "/s.jsonl", durability: .none, fileSystem: fileSystem)
            for index in 1...3 { try journal.append(journalSampleEvent(index)) }
            fileSystem.advance(milliseconds: 1000)
            try journal.append(journalSampleEvent(4))
            try journal.sync()
            journal.close()
            #expect(fileSystem.fsyncCount == 0)
        }
    }

    @Test func durabilityCodesAsItsName() throws {
        let encoded = try JSONEncoder().encode(Durability.allCases)
        #expect(String(decoding: encoded, as: UTF8.self) == #"["always","batch","none"]"#)
        #expect(try JSONDecoder().decode(Durability.self, from: Data(#""batch""#.utf8)) == .batch)
    }
}
