/// Why the stdio transport could not carry a message.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The peer is gone (EPIPE) or the descriptor failed; nothing more can be written.
    case closed

    public var description: String {
        switch self {
        case .closed: return "output channel closed"
        }
    }
}
