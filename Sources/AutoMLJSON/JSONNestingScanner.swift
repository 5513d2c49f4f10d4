/// Finds where a JSON text first nests deeper than a limit, without parsing it.
///
/// Used only on the error path, to point a depth error at the opening bracket that crossed the
/// limit: the parser's tree does not remember byte offsets.
enum JSONNestingScanner {
    /// The byte offset of the first `[` or `{` that opens nesting level `depth` (1 is the
    /// outermost container), or nil when the text never nests that deep.
    ///
    /// Brackets inside strings are skipped; the text need not be valid beyond that point.
    static func offsetOfOpening(atDepth depth: Int, in bytes: UnsafeRawBufferPointer) -> Int? {
        var level = 0
        var inString = false
        var escaped = false
        for index in bytes.indices {
            let byte = bytes[index]
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
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                level += 1
                if level == depth { return index }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                level -= 1
            default:
                break
            }
        }
        return nil
    }
}
