/// Strict UTF-8 validation of a message body, without building a `String`.
///
/// Rejects what RFC 3629 forbids: stray continuation bytes, overlong forms, surrogates
/// (U+D800...U+DFFF), code points above U+10FFFF and sequences cut short. ASCII, the bulk of any
/// JSON text, is checked eight bytes at a time.
enum UTF8Validation {
    /// True when `bytes` is well-formed UTF-8 (the empty sequence is).
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        while index < count {
            while index + 8 <= count,
                base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            }
            guard index < count else { break }
            let lead = base.load(fromByteOffset: index, as: UInt8.self)
            if lead < 0x80 {
                index += 1
                continue
            }
            guard let shape = sequenceShape(lead: lead), index + shape.trailing < count else { return false }
            let second = base.load(fromByteOffset: index + 1, as: UInt8.self)
            guard second >= shape.secondLow, second <= shape.secondHigh else { return false }
            var offset = 2
            while offset <= shape.trailing {
                guard base.load(fromByteOffset: index + offset, as: UInt8.self) & 0xC0 == 0x80 else { return false }
                offset += 1
            }
            index += shape.trailing + 1
        }
        return true
    }

    /// For a lead byte: how many continuation bytes follow, and the range allowed for the first
    /// of them (narrower than 0x80...0xBF where overlongs, surrogates or > U+10FFFF would start).
    private static func sequenceShape(lead: UInt8) -> (trailing: Int, secondLow: UInt8, secondHigh: UInt8)? {
        switch lead {
        case 0xC2...0xDF: return (1, 0x80, 0xBF)
        case 0xE0: return (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (2, 0x80, 0xBF)
        case 0xED: return (2, 0x80, 0x9F)
        case 0xF0: return (3, 0x90, 0xBF)
        case 0xF1...0xF3: return (3, 0x80, 0xBF)
        case 0xF4: return (3, 0x80, 0x8F)
        default: return nil
        }
    }
}
