#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts an incoming byte stream into messages, LSP-framed or NDJSON, detected per message.
///
/// Between messages, spaces, tabs, `\r` and `\n` are skipped. If the next byte is `{` or `[` the
/// message is one line (up to `\n`, a trailing `\r` dropped); otherwise it is a header block
/// (`Content-Length: N`, optional `Content-Type`, a blank line) followed by N bytes of body.
/// Every body is checked to be UTF-8; JSON itself is not parsed here.
///
/// ```swift
/// var framer = MessageFramer()
/// framer.append(Array("Content-Length: 2\r\n\r\n{}{\"a\":1}\n".utf8))
/// framer.next()    // .message(Array("{}".utf8), .contentLength)
/// framer.next()    // .message(Array("{\"a\":1}".utf8), .line)
/// framer.next()    // nil: needs more bytes
/// ```
///
/// Bad input yields a ``FramedItem/failure(_:_:)`` and never derails the stream: an over-limit
/// body or line is skipped as it streams in without being buffered, a bad header block is
/// reported when its blank line arrives (a JSON body right after it, whose length is unknown,
/// is stepped over by bracket matching), and a garbage line is reported on its own. After each
/// `append`, call `next()` until it returns nil; the buffer then never holds more than
/// `maxMessageBytes + maxHeaderBytes` plus the bytes of one `append`.
public struct MessageFramer: Sendable {
    /// The longest body or line delivered; longer ones are skipped and reported.
    public let maxMessageBytes: Int
    /// The longest header block (lines and terminators) accepted before a blank line must come.
    public let maxHeaderBytes: Int

    enum State: Sendable {
        /// Between messages.
        case idle
        /// Inside a header block.
        case headers(HeaderBlock)
        /// Waiting for a body of `length` bytes that starts at `start`.
        case body(length: Int)
        /// Inside an NDJSON line; the first `scanned` unread bytes hold no `\n`.
        case line(scanned: Int)
        /// Dropping `remaining` bytes of a body that will not be delivered, then reporting `then`.
        case skipping(remaining: Int, then: FramedItem)
        /// Dropping bytes through the next `\n`, then reporting `then`.
        case discardingLine(then: FramedItem)
        /// After a header block with no usable length: if a JSON text follows, it is that block's
        /// body; it will be dropped before `then` is reported.
        case unframedBody(then: FramedItem)
        /// Dropping an unframed body up to its closing bracket, then reporting `then`.
        case discardingValue(BracketScanner, then: FramedItem)
    }

    /// What one step of the state machine achieved.
    enum Step {
        case emit(FramedItem)
        case proceed
        case needMore
    }

    private var buffer: [UInt8] = []
    /// Index of the first unread byte in `buffer`; bytes before it are consumed.
    private var start = 0
    private var state = State.idle
    /// A failure ready to hand out, produced while bytes were skipped.
    private var pending: FramedItem?
    /// Set by `finish()`: no more bytes will come.
    private var ended = false

    /// Above this capacity an emptied buffer is released rather than kept for reuse.
    private static let retainedCapacity = 1 << 20

    /// - Parameters:
    ///   - maxMessageBytes: the largest body or line delivered (64 MiB by default).
    ///   - maxHeaderBytes: the largest header block accepted (16 KiB by default).
    public init(maxMessageBytes: Int = 64 << 20, maxHeaderBytes: Int = 16 << 10) {
        self.maxMessageBytes = max(0, maxMessageBytes)
        self.maxHeaderBytes = max(1, maxHeaderBytes)
    }

    /// Bytes received but not yet consumed, for observing that buffering stays bounded.
    public var bufferedByteCount: Int { buffer.count - start }

    // MARK: - Feeding

    /// Adds bytes read from the stream. Bytes of a body or line being skipped are dropped here
    /// without being copied.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty, !ended else { return }
        var offset = 0
        if start == buffer.count {
            offset = swallow(bytes)
        }
        guard offset < bytes.count else { return }
        compact()
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
    }

    /// Adds bytes read from the stream.
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    // MARK: - Taking items

    /// The next message or failure, or nil when more bytes are needed.
    public mutating func next() -> FramedItem? {
        while true {
            if let item = pending {
                pending = nil
                return item
            }
            let step: Step
            switch state {
            case .idle: step = stepIdle()
            case .headers(let block): step = stepHeaders(block)
            case .body(let length): step = stepBody(length: length)
            case .line(let scanned): step = stepLine(scanned: scanned)
            case .unframedBody(let item): step = stepUnframedBody(then: item)
            case .skipping, .discardingLine, .discardingValue: step = stepDiscard()
            }
            switch step {
            case .emit(let item): return item
            case .proceed: continue
            case .needMore: return ended ? endOfInput() : nil
            }
        }
    }

    /// Declares end of input and returns what is left: first any item `next()` would give, then
    /// the fate of a message cut short. Call until it returns nil.
    ///
    /// A body, header block or line cut short is a `truncated` failure, except a final NDJSON line
    /// without `\n` whose outer `{...}`/`[...]` is closed: it is delivered. Trailing whitespace
    /// gives nothing. Bytes appended after `finish()` are ignored.
    public mutating func finish() -> FramedItem? {
        ended = true
        return next()
    }

    // MARK: - Steps

    private mutating func stepIdle() -> Step {
        while start < buffer.count, Self.isWhitespace(buffer[start]) { start += 1 }
        guard start < buffer.count else { return .needMore }
        let first = buffer[start]
        state = first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .line(scanned: 0) : .headers(HeaderBlock())
        return .proceed
    }

    private mutating func stepHeaders(_ current: HeaderBlock) -> Step {
        var block = current
        guard let newline = newlineIndex(from: start) else {
            if block.byteCount + (buffer.count - start) > maxHeaderBytes {
                start = buffer.count
                state = .discardingLine(then: .failure(headerTooLarge(), .contentLength))
                return .proceed
            }
            return .needMore
        }
        let lineEnd = newline > start && buffer[newline - 1] == UInt8(ascii: "\r") ? newline - 1 : newline
        if lineEnd > start, buffer[start] == UInt8(ascii: "{") || buffer[start] == UInt8(ascii: "[") {
            // A JSON text where a header or the blank line belongs: give up on this block and
            // let the line be read as NDJSON.
            state = .idle
            let error = FramingError(.malformedHeader, "header block interrupted by a JSON text before its blank line")
            return .emit(.failure(error, .contentLength))
        }
        block.byteCount += newline + 1 - start
        let line = buffer[start..<lineEnd]
        start = newline + 1
        state = .idle
        if block.byteCount > maxHeaderBytes {
            return .emit(.failure(headerTooLarge(), .contentLength))
        }
        if line.isEmpty {
            return endOfHeaders(block)
        }
        if let error = block.read(line: line) {
            // A first line that is no header at all is most likely a line client's garbage:
            // answer it in line framing, which such a client can read.
            return .emit(.failure(error, current.byteCount == 0 ? .line : .contentLength))
        }
        state = .headers(block)
        return .proceed
    }

    /// The blank line has come: decide what the body is.
    private mutating func endOfHeaders(_ block: HeaderBlock) -> Step {
        if let error = block.lengthError {
            state = .unframedBody(then: .failure(error, .contentLength))
            return .proceed
        }
        guard let length = block.contentLength else {
            let error = FramingError(.missingContentLength, "header block without a Content-Length header")
            state = .unframedBody(then: .failure(error, .contentLength))
            return .proceed
        }
        if let error = block.charsetError {
            return skip(length, then: .failure(error, .contentLength))
        }
        if length > maxMessageBytes {
            let error = FramingError(
                .messageTooLarge, "message of \(length) bytes exceeds the limit of \(maxMessageBytes) bytes; skipped")
            return skip(length, then: .failure(error, .contentLength))
        }
        state = .body(length: length)
        return .proceed
    }

    private mutating func skip(_ length: Int, then item: FramedItem) -> Step {
        guard length > 0 else { return .emit(item) }
        state = .skipping(remaining: length, then: item)
        return .proceed
    }

    private mutating func stepBody(length: Int) -> Step {
        guard buffer.count - start >= length else { return .needMore }
        let range = start..<(start + length)
        start += length
        state = .idle
        return .emit(message(range, .contentLength))
    }

    private mutating func stepLine(scanned: Int) -> Step {
        if let newline = newlineIndex(from: start + scanned) {
            let end = newline > start && buffer[newline - 1] == UInt8(ascii: "\r") ? newline - 1 : newline
            let range = start..<end
            start = newline + 1
            state = .idle
            guard range.count <= maxMessageBytes else { return .emit(.failure(lineTooLarge(), .line)) }
            return .emit(message(range, .line))
        }
        let unread = buffer.count - start
        if unread > maxMessageBytes + 1 {  // + 1: room for a `\r` before the `\n`
            start = buffer.count
            state = .discardingLine(then: .failure(lineTooLarge(), .line))
            return .proceed
        }
        state = .line(scanned: unread)
        return .needMore
    }

    /// The body of a header block without a usable length is unknown, but when the next byte
    /// opens a JSON text (as an LSP client's body does) that text is dropped by bracket matching,
    /// so the stream stays in step; anything else is read as the next message.
    private mutating func stepUnframedBody(then item: FramedItem) -> Step {
        guard start < buffer.count else { return .needMore }
        let first = buffer[start]
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            state = .idle
            return .emit(item)
        }
        state = .discardingValue(BracketScanner(), then: item)
        return .proceed
    }

    private mutating func stepDiscard() -> Step {
        let unread = buffer  // shares storage: lets `swallow` mutate self while reading it
        let from = start
        start += unread.withUnsafeBytes { swallow(UnsafeRawBufferPointer(rebasing: $0[from...])) }
        return pending == nil ? .needMore : .proceed
    }

    /// In a dropping state, consumes what belongs to the dropped stretch from the front of
    /// `bytes`, and sets `pending` when the stretch is over.
    /// - Returns: how many bytes were consumed.
    private mutating func swallow(_ bytes: UnsafeRawBufferPointer) -> Int {
        switch state {
        case .skipping(let remaining, let item):
            guard bytes.count >= remaining else {
                state = .skipping(remaining: remaining - bytes.count, then: item)
                return bytes.count
            }
            state = .idle
            pending = item
            return remaining
        case .discardingLine(let item):
            guard let newline = Self.newlineOffset(in: bytes, from: 0) else { return bytes.count }
            state = .idle
            pending = item
            return newline + 1
        case .discardingValue(var scanner, let item):
            // No body is longer than maxMessageBytes: drop at most one byte more, then read on.
            let allowed = min(bytes.count, maxMessageBytes + 1 - scanner.count)
            if let end = scanner.feed(UnsafeRawBufferPointer(rebasing: bytes[..<allowed])) {
                state = .idle
                pending = item
                return end
            }
            if scanner.count > maxMessageBytes {
                state = .idle
                pending = item
            } else {
                state = .discardingValue(scanner, then: item)
            }
            return allowed
        default:
            return 0
        }
    }

    /// At end of input with the current state still waiting for bytes: what it amounts to.
    private mutating func endOfInput() -> FramedItem? {
        defer {
            state = .idle
            start = buffer.count
            compact()
        }
        switch state {
        case .idle:
            return nil
        case .headers:
            return .failure(truncated("inside a header block"), .contentLength)
        case .body(let length):
            return .failure(truncated("after \(buffer.count - start) of \(length) body bytes"), .contentLength)
        case .line:
            var end = buffer.count
            if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            var scanner = BracketScanner()
            let closed = buffer.withUnsafeBytes { scanner.feed(UnsafeRawBufferPointer(rebasing: $0[start..<end])) != nil }
            guard closed else {
                return .failure(truncated("inside a line"), .line)
            }
            guard end - start <= maxMessageBytes else { return .failure(lineTooLarge(), .line) }
            return message(start..<end, .line)
        case .skipping(_, let item), .discardingLine(let item), .unframedBody(let item), .discardingValue(_, let item):
            return item
        }
    }

    // MARK: - Helpers

    private func message(_ range: Range<Int>, _ framing: Framing) -> FramedItem {
        let valid = buffer.withUnsafeBytes { UTF8Validation.isValid(UnsafeRawBufferPointer(rebasing: $0[range])) }
        guard valid else {
            return .failure(FramingError(.invalidUTF8, "message of \(range.count) bytes is not valid UTF-8"), framing)
        }
        return .message(Array(buffer[range]), framing)
    }

    /// Drops consumed bytes from the front of the buffer; called before appending, so the
    /// cost is at most the unread bytes, once per consumed stretch.
    private mutating func compact() {
        guard start > 0 else { return }
        if start == buffer.count {
            if buffer.capacity > Self.retainedCapacity {
                buffer = []
            } else {
                buffer.removeAll(keepingCapacity: true)
            }
        } else {
            buffer.removeSubrange(0..<start)
        }
        start = 0
    }

    private func newlineIndex(from position: Int) -> Int? {
        buffer.withUnsafeBytes { Self.newlineOffset(in: $0, from: position) }
    }

    private static func newlineOffset(in bytes: UnsafeRawBufferPointer, from position: Int) -> Int? {
        guard let base = bytes.baseAddress, position < bytes.count,
            let hit = memchr(base + position, Int32(UInt8(ascii: "\n")), bytes.count - position)
        else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
    }

    private func headerTooLarge() -> FramingError {
        FramingError(.headerTooLarge, "header block exceeds \(maxHeaderBytes) bytes without a blank line; discarded")
    }

    private func lineTooLarge() -> FramingError {
        FramingError(.messageTooLarge, "line exceeds the limit of \(maxMessageBytes) bytes; skipped")
    }

    private func truncated(_ position: String) -> FramingError {
        FramingError(.truncated, "message truncated by end of input (\(position))")
    }
}
