/// One unit cut from the incoming byte stream by ``MessageFramer``.
///
/// Either the bytes of one message (not yet parsed as JSON) or the reason a stretch of input was
/// not a message. A failure is reported once and the framer is already positioned at the next
/// message, so a server answers it with a parse error and keeps serving.
public enum FramedItem: Sendable, Equatable {
    /// The UTF-8 bytes of one JSON text (valid UTF-8, not checked as JSON) and how it was framed.
    case message([UInt8], Framing)
    /// A stretch of input that could not be a message, and the framing it appeared to use.
    case failure(FramingError, Framing)

    /// The framing of the message or failure, which is also the framing to answer in.
    public var framing: Framing {
        switch self {
        case .message(_, let framing), .failure(_, let framing): return framing
        }
    }
}
