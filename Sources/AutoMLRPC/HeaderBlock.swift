/// What has been learnt so far from the header lines of one LSP-framed message.
///
/// Header names are compared case-insensitively; only `Content-Length` and `Content-Type` mean
/// anything, other headers are ignored. Problems with the length are kept (the first one wins) and
/// reported when the blank line ends the block, so the framer stays in step with the stream.
struct HeaderBlock: Sendable {
    /// Bytes of header lines read so far, terminators included.
    var byteCount = 0
    /// The parsed `Content-Length`, once one valid header has been read.
    var contentLength: Int?
    /// The first problem with `Content-Length` (invalid or repeated).
    var lengthError: FramingError?
    /// A `Content-Type` charset other than UTF-8.
    var charsetError: FramingError?
    private var sawContentLength = false

    /// Reads one header line (terminator already removed).
    /// - Returns: an error when the line is not `Name: value`; the block is then abandoned.
    mutating func read(line: ArraySlice<UInt8>) -> FramingError? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            return FramingError(.malformedHeader, "malformed header line \(Self.quoted(line)): expected 'Name: value'")
        }
        let name = Self.trimmed(line[..<colon])
        guard !name.isEmpty, name.allSatisfy(Self.isTokenByte) else {
            return FramingError(.malformedHeader, "malformed header line \(Self.quoted(line)): bad header name")
        }
        let value = Self.trimmed(line[(colon + 1)...])
        if Self.equalsIgnoringCase(name, Self.contentLengthName) {
            readContentLength(value)
        } else if Self.equalsIgnoringCase(name, Self.contentTypeName) {
            readContentType(value)
        }
        return nil
    }

    private mutating func readContentLength(_ value: ArraySlice<UInt8>) {
        if sawContentLength {
            if lengthError == nil {
                lengthError = FramingError(.duplicateContentLength, "Content-Length header given more than once")
            }
            return
        }
        sawContentLength = true
        guard !value.isEmpty, value.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            lengthError = FramingError(.invalidContentLength, "Content-Length \(Self.quoted(value)) is not a non-negative decimal integer")
            return
        }
        var length = 0
        for digit in value {
            let (times10, overflow1) = length.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
            if overflow1 || overflow2 {
                lengthError = FramingError(.invalidContentLength, "Content-Length \(Self.quoted(value)) is too large to represent")
                return
            }
            length = sum
        }
        contentLength = length
    }

    /// Checks the `charset` parameter, if any: `utf-8` and `utf8` (any case, quoted or not) pass.
    private mutating func readContentType(_ value: ArraySlice<UInt8>) {
        var rest = value
        // Parameters follow the media type, each after a `;`.
        while let semicolon = rest.firstIndex(of: UInt8(ascii: ";")) {
            rest = rest[(semicolon + 1)...]
            let parameter = rest[..<(rest.firstIndex(of: UInt8(ascii: ";")) ?? rest.endIndex)]
            guard let equals = parameter.firstIndex(of: UInt8(ascii: "=")),
                Self.equalsIgnoringCase(Self.trimmed(parameter[..<equals]), Self.charsetName)
            else { continue }
            var charset = Self.trimmed(parameter[(equals + 1)...])
            if charset.count >= 2, charset.first == UInt8(ascii: "\""), charset.last == UInt8(ascii: "\"") {
                charset = charset.dropFirst().dropLast()
            }
            if !Self.equalsIgnoringCase(charset, Self.utf8Names[0]) && !Self.equalsIgnoringCase(charset, Self.utf8Names[1]) {
                charsetError = FramingError(.unsupportedCharset, "charset \(Self.quoted(charset)) is not supported: send utf-8")
            }
        }
    }

    // MARK: - Byte helpers

    private static let contentLengthName = Array("content-length".utf8)
    private static let contentTypeName = Array("content-type".utf8)
    private static let charsetName = Array("charset".utf8)
    private static let utf8Names = [Array("utf-8".utf8), Array("utf8".utf8)]

    /// RFC 9110 `tchar`: visible ASCII except delimiters.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
            UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
            let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return bytes[bytes.endIndex...] }
        return bytes[first...last]
    }

    /// ASCII case-insensitive comparison against a lowercase name.
    private static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ lowercase: [UInt8]) -> Bool {
        guard bytes.count == lowercase.count else { return false }
        var expected = lowercase.startIndex
        for byte in bytes {
            let lowered = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            guard lowered == lowercase[expected] else { return false }
            expected += 1
        }
        return true
    }

    /// The bytes as a quoted, shortened string for an error message.
    static func quoted(_ bytes: ArraySlice<UInt8>) -> String {
        let limit = 60
        let text = String(decoding: bytes.prefix(limit), as: UTF8.self)
        return "\"" + text + (bytes.count > limit ? "…" : "") + "\""
    }
}
