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
        var tracker = JSONBracketTracker()
        for index in bytes.indices where tracker.feed(bytes[index]) > 0 && tracker.depth == depth {
            return index
        }
        return nil
    }
}
