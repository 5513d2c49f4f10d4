/// Appends JSON text to a byte buffer: the printer behind `serialized()` and `prettyPrinted()`.
///
/// Every message the server sends passes through here, so it writes bytes, copies runs of
/// plain string bytes in bulk, and formats integers without going through `String`.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    /// Indentation per level for pretty printing; nil writes compact text with no spaces.
    let indent: Int?

    init(indent: Int? = nil, capacity: Int = 256) {
        self.indent = indent
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ value: JSON) {
        write(value, level: 0)
    }

    private mutating func write(_ value: JSON, level: Int) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .int(let integer): write(integer)
        case .double(let real): write(real)
        case .string(let text): write(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(level + 1)
                write(element, level: level + 1)
            }
            if !elements.isEmpty { newline(level) }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            var first = true
            for (key, member) in members.members {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                newline(level + 1)
                write(key)
                bytes.append(UInt8(ascii: ":"))
                if indent != nil { bytes.append(UInt8(ascii: " ")) }
                write(member, level: level + 1)
            }
            if !first { newline(level) }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Starts a new line indented for `level` when pretty printing.
    private mutating func newline(_ level: Int) {
        guard let indent else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    private mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    // MARK: - Scalars

    /// Decimal digits of `value`, written back to front into a small stack buffer.
    mutating func write(_ value: Int64) {
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// The shortest text that reads back as the same Double (Swift's own algorithm): `0.1`,
    /// `1.0`, `1e+300`, `5e-324`, `-0.0`. A fraction or exponent is always present, so the
    /// value parses back as a real. JSON has no NaN or infinity: those print as `null`.
    mutating func write(_ value: Double) {
        guard value.isFinite else {
            append("null")
            return
        }
        bytes.append(contentsOf: value.description.utf8)
    }

    /// A string literal escaped per RFC 8259: `"` and `\` with a backslash, control characters
    /// as `\b \f \n \r \t` or `\u00XX`; everything else, non-ASCII included, as its UTF-8.
    mutating func write(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        let written: Void? = text.utf8.withContiguousStorageIfAvailable { writeEscaped($0) }
        if written == nil {
            let copy = Array(text.utf8)
            copy.withUnsafeBufferPointer { writeEscaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            writeEscape(for: byte)
            runStart = index + 1
        }
        if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    }

    private mutating func writeEscape(for byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            hex.withUTF8Buffer { digits in
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            }
        }
    }
}
