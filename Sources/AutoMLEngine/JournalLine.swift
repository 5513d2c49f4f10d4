import AutoMLJSON

/// One record of a journal file, as bytes.
///
/// A line is a JSON object that `jq` can read, with the checksum last:
///
/// ```
/// {"seq":12,"event":{"type":"tell","trialId":3},"crc32":"1a2b3c4d"}\n
/// ```
///
/// The CRC-32 covers the exact bytes before the fixed-length 20-byte suffix
/// `,"crc32":"xxxxxxxx"}` (8 lowercase hex digits), so verifying a line slices it and never
/// re-serializes anything. `seq` starts at 1 and grows by one per line, which catches a line
/// lost, repeated or moved even when its own checksum is intact.
package enum JournalLine {
    /// Why a line was rejected.
    package enum Defect: Error, Equatable {
        /// The bytes do not carry a valid checksum: a torn write, zeroed pages or a flipped
        /// bit. At the very end of a file this is a torn tail; anywhere else, corruption.
        case damaged(String)
        /// The checksum holds but the content is wrong (bad JSON, bad shape, out of sequence).
        /// No torn write produces this, so it is corruption wherever it is.
        case invalid(String)

        package var reason: String {
            switch self {
            case .damaged(let reason), .invalid(let reason): return reason
            }
        }
    }

    /// How deep a line may nest when read back: as deep as the parser allows, well beyond
    /// ``JSON/defaultMaxDepth``, so that an event accepted from a client at that depth, wrapped
    /// in a session event and a line, always reads back.
    private static let readDepth = 2048

    /// Length of `,"crc32":"xxxxxxxx"}`.
    package static let suffixLength = 20

    private static let suffixHead = Array(#","crc32":""#.utf8)
    private static let suffixTail = Array(#""}"#.utf8)
    private static let newline: UInt8 = 0x0A

    /// The bytes of record `seq` holding `event`, newline included.
    package static func encode(seq: Int, event: JSON) -> [UInt8] {
        var bytes = Array(#"{"seq":\#(seq),"event":"#.utf8)
        bytes += event.serializedBytes()
        let crc = CRC32.checksum(bytes)
        bytes.reserveCapacity(bytes.count + suffixLength + 1)
        bytes += suffixHead
        bytes += hex(crc)
        bytes += suffixTail
        bytes.append(newline)
        return bytes
    }

    /// The event of `line` (without its newline), checked against its checksum and against
    /// the sequence number it must carry.
    package static func decode(_ line: ArraySlice<UInt8>, expectedSeq: Int) -> Result<JSON, Defect> {
        if line.isEmpty { return .failure(.damaged("empty line")) }
        if line.allSatisfy({ $0 == 0 }) { return .failure(.damaged("NUL bytes instead of a record")) }
        guard line.count > suffixLength else {
            return .failure(.damaged("line too short to carry a checksum"))
        }
        let bodyEnd = line.endIndex - suffixLength
        guard let stored = storedChecksum(line[bodyEnd...]) else {
            return .failure(.damaged("no checksum at the end of the line"))
        }
        let computed = CRC32.checksum(line[..<bodyEnd])
        guard computed == stored else {
            let expected = String(decoding: hex(computed), as: UTF8.self)
            let found = String(decoding: hex(stored), as: UTF8.self)
            return .failure(.damaged("checksum mismatch (line says \(found), content gives \(expected))"))
        }
        return event(of: line, expectedSeq: expectedSeq)
    }

    /// The `seq` and `event` members of a line whose checksum holds.
    private static func event(of line: ArraySlice<UInt8>, expectedSeq: Int) -> Result<JSON, Defect> {
        let parsed: JSON
        switch Result(catching: { () throws(JSONParseError) -> JSON in try JSON.parse(line, maxDepth: readDepth) }) {
        case .success(let value): parsed = value
        case .failure(let error): return .failure(.invalid("\(error)"))
        }
        guard case .object(let record) = parsed else {
            return .failure(.invalid("expected an object, found \(parsed.typeDescription)"))
        }
        guard let seqValue = record["seq"], case .int(let seq) = seqValue else {
            return .failure(.invalid("missing integer \"seq\""))
        }
        guard seq == expectedSeq else {
            return .failure(.invalid("expected seq \(expectedSeq), found \(seq)"))
        }
        guard let event = record["event"] else {
            return .failure(.invalid("missing \"event\""))
        }
        return .success(event)
    }

    /// The checksum written in `suffix`, or nil when it is not `,"crc32":"xxxxxxxx"}` with
    /// lowercase hex digits.
    private static func storedChecksum(_ suffix: ArraySlice<UInt8>) -> UInt32? {
        guard suffix.count == suffixLength,
            suffix.prefix(suffixHead.count).elementsEqual(suffixHead),
            suffix.suffix(suffixTail.count).elementsEqual(suffixTail)
        else { return nil }
        let digits = suffix.dropFirst(suffixHead.count).prefix(8)
        var value: UInt32 = 0
        for digit in digits {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt32(digit - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        return value
    }

    /// `value` as 8 lowercase hex digits.
    private static func hex(_ value: UInt32) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return (0..<8).map { digits[Int(value >> (28 - 4 * UInt32($0)) & 0xF)] }
    }
}
