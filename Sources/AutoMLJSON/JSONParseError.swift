/// Why a text is not acceptable JSON, and where.
///
/// The location points at the start of the offending token when one can be named (the `x` in
/// `[1] x`, the `NaN` in `[NaN]`), at the offending byte for invalid UTF-8, and at the end of
/// the input when the text stops early. The server turns this error into JSON-RPC's -32700.
///
/// ```swift
/// do { _ = try JSON.parse("[1,,2]") } catch {
///     print(error)  // invalid JSON at line 1, column 4 (byte 3): unexpected token near ','
/// }
/// ```
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. `duplicate object key near '"a"'`.
    public var message: String
    /// 1-based line number; lines end with `\n`.
    public var line: Int
    /// 1-based column on that line, counted in Unicode scalars (not bytes).
    public var column: Int
    /// 0-based byte offset from the start of the input.
    public var position: Int

    public init(message: String, line: Int, column: Int, position: Int) {
        self.message = message
        self.line = line
        self.column = column
        self.position = position
    }

    public var description: String {
        "invalid JSON at line \(line), column \(column) (byte \(position)): \(message)"
    }
}

extension JSONParseError {
    /// An error located at byte `offset` of `bytes`, with line and column counted up to it.
    ///
    /// Columns count UTF-8 lead bytes, so a multi-byte character counts once.
    init(message: String, offset: Int, in bytes: UnsafeRawBufferPointer) {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var column = 1
        for index in 0..<end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        self.init(message: message, line: line, column: column, position: end)
    }
}
