import CJansson

/// Rewrites jansson's error report as a `JSONParseError` located at the offending token.
///
/// jansson reports the position just past the token it choked on and quotes that token as
/// `near '...'` when it is short. This moves the location back to the token's first byte, and
/// rewords the failures a client most often meets (numbers out of range, NaN and Infinity,
/// nesting, invalid UTF-8) so the message says what to change.
enum JanssonParseFailure {
    static func error(_ report: json_error_t, in bytes: UnsafeRawBufferPointer, depthLimit: Int) -> JSONParseError {
        let text = withUnsafeBytes(of: report.text) { Array($0) }
        let code = text.last.map { UInt32($0) } ?? json_error_unknown.rawValue
        let message = text.prefix { $0 != 0 }
        let (reason, near) = split(message)
        let end = min(max(Int(report.position), 0), bytes.count)

        switch code {
        case json_error_stack_overflow.rawValue:
            return depthError(limit: depthLimit, in: bytes)
        case json_error_invalid_utf8.rawValue:
            // jansson stops on the first byte of the bad sequence without consuming it.
            return JSONParseError(message: "invalid UTF-8: \(reason)", offset: end, in: bytes)
        case json_error_numeric_overflow.rawValue:
            let start = startOfNumber(endingAt: end, in: bytes)
            let what = reason.hasPrefix("real")
                ? "number is out of the range of a 64-bit double"
                : "integer is out of the 64-bit range (write it as a real, e.g. 1e20, if that is meant)"
            return JSONParseError(message: what, offset: start, in: bytes)
        default:
            break
        }

        let start = near.map { end - $0.count } ?? end
        if code == json_error_invalid_syntax.rawValue, startsWithNonFiniteToken(at: start, in: bytes) {
            return JSONParseError(message: "NaN and Infinity are not valid JSON numbers", offset: start, in: bytes)
        }
        if code == json_error_premature_end_of_input.rawValue, bytes.allSatisfy(isWhitespace) {
            return JSONParseError(message: "empty input: expected a JSON value", offset: bytes.count, in: bytes)
        }
        return JSONParseError(message: String(decoding: message, as: UTF8.self), offset: start, in: bytes)
    }

    /// The error for nesting deeper than `limit`, located at the bracket that crossed it.
    static func depthError(limit: Int, in bytes: UnsafeRawBufferPointer) -> JSONParseError {
        let offset = JSONNestingScanner.offsetOfOpening(atDepth: limit + 1, in: bytes) ?? 0
        return JSONParseError(message: "nesting is deeper than \(limit) levels", offset: offset, in: bytes)
    }

    /// Splits `reason near 'token'` into the reason and the token's raw bytes.
    private static func split(_ message: ArraySlice<UInt8>) -> (reason: String, near: ArraySlice<UInt8>?) {
        let marker = Array(" near '".utf8)
        guard message.count > marker.count, message.last == UInt8(ascii: "'") else {
            return (String(decoding: message, as: UTF8.self), nil)
        }
        var index = message.startIndex
        while index + marker.count < message.endIndex {
            if message[index..<index + marker.count].elementsEqual(marker) {
                let reason = String(decoding: message[..<index], as: UTF8.self)
                return (reason, message[(index + marker.count)..<(message.endIndex - 1)])
            }
            index += 1
        }
        return (String(decoding: message, as: UTF8.self), nil)
    }

    /// Walks back from `end` over the characters a number token is made of.
    private static func startOfNumber(endingAt end: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        var start = end
        while start > 0 {
            switch bytes[start - 1] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
                UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                start -= 1
            default:
                return start
            }
        }
        return start
    }

    /// True when the token at `offset` is NaN, Inf or Infinity (any case, optional sign), the
    /// spellings other encoders emit for non-finite numbers.
    private static func startsWithNonFiniteToken(at offset: Int, in bytes: UnsafeRawBufferPointer) -> Bool {
        guard offset >= 0, offset < bytes.count else { return false }
        var index = offset
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        var word: [UInt8] = []
        while index < bytes.count, word.count <= 8 {
            let lower = bytes[index] | 0x20
            guard lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") else { break }
            word.append(lower)
            index += 1
        }
        return word == Array("nan".utf8) || word == Array("inf".utf8) || word == Array("infinity".utf8)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
