/// How one message travels on the byte stream.
///
/// The server reads either framing, decides per message from its first byte, and answers each
/// request in the framing it came in, so an LSP client and a line-oriented script are both served
/// by the same `automl serve`.
public enum Framing: Sendable, Hashable {
    /// LSP base protocol: `Content-Length: N` (and optionally `Content-Type`) header lines, a
    /// blank line, then exactly N bytes of UTF-8 JSON.
    case contentLength
    /// NDJSON: one compact JSON text on one line, ended by `\n` (a `\r` before it is dropped).
    case line
}
