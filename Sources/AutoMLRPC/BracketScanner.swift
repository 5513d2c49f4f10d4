import AutoMLJSON

/// Finds, without parsing, where a JSON text that starts with `{` or `[` closes its outer bracket.
///
/// Brackets inside strings, and escaped quotes, are skipped; nothing else is checked (the JSON
/// parser judges the text). The framer uses it twice: at end of input, to tell a final NDJSON line
/// sent whole from one cut short; and to step over a body whose header block gave no usable
/// `Content-Length`, so that an LSP stream stays in step after a bad header.
/// Bytes can be fed in pieces.
struct BracketScanner: Sendable {
    private var tracker = JSONBracketTracker()
    /// Bytes fed so far.
    private(set) var count = 0

    /// Feeds the next bytes of the text.
    /// - Returns: the offset in `bytes` just past the bracket that closes the text, or nil while
    ///   it is still open.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> Int? {
        for (offset, byte) in bytes.enumerated() where tracker.feed(byte) < 0 && tracker.depth <= 0 {
            count += offset + 1
            return offset + 1
        }
        count += bytes.count
        return nil
    }
}
