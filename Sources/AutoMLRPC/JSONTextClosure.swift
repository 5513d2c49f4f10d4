/// Tells, without parsing, whether a line that starts with `{` or `[` closes its outermost bracket.
///
/// Used once, at end of input, on a final NDJSON line that has no `\n`: a line whose outer value
/// is closed was sent whole and is delivered (the JSON parser judges the rest); one still open was
/// cut short and is reported as truncated. Brackets inside strings, and escaped quotes, are skipped.
enum JSONTextClosure {
    static func closesOutermostBracket(_ bytes: ArraySlice<UInt8>) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth <= 0 { return true }
            default:
                break
            }
        }
        return false
    }
}
