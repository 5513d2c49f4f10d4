/// Frames an outgoing message body for the wire, in the framing its request came in.
///
/// ```swift
/// FrameEncoder.encode(Array("{}".utf8), framing: .line)
/// // "{}\n"
/// FrameEncoder.encode(Array("{}".utf8), framing: .contentLength)
/// // "Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
/// ```
///
/// The LSP form writes `Content-Length` first, then exactly that `Content-Type`, and no other
/// header: independent LSP clients each rely on one of these details.
public enum FrameEncoder {
    /// The `Content-Type` value written with every LSP-framed message.
    public static let contentType = "application/vscode-jsonrpc; charset=utf-8"

    /// - Parameters:
    ///   - body: compact UTF-8 JSON; for `.line` it must not contain a raw newline (compact JSON
    ///     never does: newlines inside strings are escaped).
    ///   - framing: how the peer expects messages.
    /// - Returns: the bytes to write.
    public static func encode(_ body: [UInt8], framing: Framing) -> [UInt8] {
        var frame: [UInt8] = []
        switch framing {
        case .contentLength:
            let header = "Content-Length: \(body.count)\r\nContent-Type: \(contentType)\r\n\r\n"
            frame.reserveCapacity(header.utf8.count + body.count)
            frame.append(contentsOf: header.utf8)
            frame.append(contentsOf: body)
        case .line:
            frame.reserveCapacity(body.count + 1)
            frame.append(contentsOf: body)
            frame.append(UInt8(ascii: "\n"))
        }
        return frame
    }
}
