import AutoMLEngine
import Testing

@Suite("CRC-32")
struct JournalCRC32Tests {
    @Test func standardCheckValueOf123456789() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func emptyInputAndKnownVectors() {
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32.checksum(Array("a".utf8)) == 0xE8B7_BE43)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    @Test func incrementalUpdateEqualsOneShot() {
        let bytes = Array("incremental checksums split anywhere".utf8)
        for split in 0...bytes.count {
            let state = CRC32.update(CRC32.update(CRC32.start, with: bytes[..<split]), with: bytes[split...])
            #expect(CRC32.finish(state) == CRC32.checksum(bytes))
        }
    }

    @Test func everySingleBitFlipChangesTheChecksum() {
        let bytes = Array(#"{"seq":1,"event":{"a":1}}"#.utf8)
        let original = CRC32.checksum(bytes)
        for index in bytes.indices {
            for bit in 0..<8 {
                var flipped = bytes
                flipped[index] ^= 1 << bit
                #expect(CRC32.checksum(flipped) != original)
            }
        }
    }

    @Test func nonContiguousSequencesGiveTheSameChecksum() {
        let bytes = Array("123456789".utf8)
        #expect(CRC32.checksum(bytes.lazy.map { $0 }) == 0xCBF4_3926)
    }
}
