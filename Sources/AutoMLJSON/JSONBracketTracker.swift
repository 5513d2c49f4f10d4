/// Follows the nesting of a JSON text byte by byte, without parsing it: brackets inside strings
/// (and escaped quotes) do not count. Nothing else is checked; the parser judges the text.
///
/// The parser uses it to point a depth error at its bracket; the framer uses it to find where a
/// JSON text closes when no length is known.
public struct JSONBracketTracker: Sendable {
    /// Containers open after the bytes fed so far.
    public private(set) var depth = 0
    private var inString = false
    private var escaped = false

    public init() {}

    /// Feeds one byte: +1 when it opens a container, -1 when it closes one, 0 otherwise.
    public mutating func feed(_ byte: UInt8) -> Int {
        if inString {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
            }
            return 0
        }
        switch byte {
        case UInt8(ascii: "\""):
            inString = true
            return 0
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            depth += 1
            return 1
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            depth -= 1
            return -1
        default:
            return 0
        }
    }
}
