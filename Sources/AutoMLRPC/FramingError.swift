/// Why a stretch of input was not a message.
///
/// `kind` is stable and machine-readable (its raw value goes into error data); `detail` is a
/// sentence for a person, naming the offending header or size.
public struct FramingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The classes of framing failure.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A header block ended without a `Content-Length` header.
        case missingContentLength
        /// `Content-Length` was not a non-negative decimal integer that fits in an `Int`.
        case invalidContentLength
        /// A header block carried `Content-Length` more than once.
        case duplicateContentLength
        /// A body or line longer than the framer's `maxMessageBytes`; it was skipped unread.
        case messageTooLarge
        /// A header block longer than the framer's `maxHeaderBytes` without a blank line.
        case headerTooLarge
        /// A header line that is not `Name: value`.
        case malformedHeader
        /// A `Content-Type` whose charset is not UTF-8; the body was skipped.
        case unsupportedCharset
        /// End of input in the middle of a message.
        case truncated
        /// A body or line that is not valid UTF-8.
        case invalidUTF8
    }

    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// The detail sentence, which already says what went wrong.
    public var description: String { detail }
}
