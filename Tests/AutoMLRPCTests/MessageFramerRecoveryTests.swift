import Testing

@testable import AutoMLRPC

/// Every kind of bad input is reported once, and the message after it still comes through.
@Suite struct MessageFramerRecoveryTests {
    typealias F = FramerFixture

    static let good = #"{"jsonrpc":"2.0","method":"ok"}"#

    /// The failure kinds of `items`, checking the last item is the good message in `framing`.
    private func failuresBeforeGood(_ items: [FramedItem], _ framing: Framing) -> [FramingError.Kind?] {
        #expect(items.last == F.message(Self.good, framing))
        return F.kinds(items.dropLast())
    }

    @Test func missingContentLengthIsReportedAndTheNextMessageComesThrough() {
        let items = F.items("Content-Type: application/json\r\n\r\n" + F.lsp(Self.good))
        #expect(failuresBeforeGood(items, .contentLength) == [.missingContentLength])
    }

    @Test(arguments: ["-5", "abc", "12abc", "+3", "", "1 2", "99999999999999999999999999"])
    func invalidContentLengthIsReportedAndTheNextMessageComesThrough(value: String) {
        let items = F.items("Content-Length: \(value)\r\n\r\n" + F.lsp(Self.good))
        #expect(failuresBeforeGood(items, .contentLength) == [.invalidContentLength])
    }

    @Test func duplicateContentLengthIsReportedAndTheNextMessageComesThrough() {
        let items = F.items("Content-Length: 2\r\ncontent-length: 2\r\n\r\n" + F.lsp(Self.good))
        #expect(failuresBeforeGood(items, .contentLength) == [.duplicateContentLength])
    }

    @Test(arguments: ["Content-Type: application/json", "Content-Length: x1", "Content-Length: 9\r\nContent-Length: 9"])
    func bodyAfterAHeaderBlockWithoutAUsableLengthIsSteppedOver(headers: String) {
        // An LSP client sends no newline after a body: the body must not be read as a line.
        let body = #"{"a":["}]\"{[",{"b":[]}]}"#
        let stream = Array((headers + "\r\n\r\n" + body + F.lsp(Self.good)).utf8)
        let whole = F.items([stream])
        #expect(whole.count == 2)
        #expect(whole.last == F.message(Self.good, .contentLength))
        #expect(F.items(stream.map { [$0] }) == whole)
    }

    @Test func unframedBodyThatNeverClosesIsDroppedOnlyUpToTheMessageLimit() {
        let stream = "Content-Length: ?\r\n\r\n[[[[" + String(repeating: "1,", count: 40) + "\n" + Self.good + "\n"
        let items = F.items([Array(stream.utf8)], maxMessageBytes: 64)
        #expect(F.kinds(items).first == .invalidContentLength)
        #expect(items.last == F.message(Self.good, .line))
    }

    @Test func headerBlockThatNeverEndsIsReportedAndDiscarded() {
        let endless = String(repeating: "X-Filler: 0123456789\r\n", count: 20)
        let items = F.items([Array(endless.utf8), Array(F.lsp(Self.good).utf8)], maxHeaderBytes: 100)
        #expect(failuresBeforeGood(items, .contentLength) == [.headerTooLarge, .headerTooLarge, .headerTooLarge, .headerTooLarge])
    }

    @Test func overlongHeaderLineIsReportedOnceAndDiscardedThroughItsNewline() {
        let chunks = (0..<30).map { _ in Array("X-Long: abcdefghijklmnopqrstuvwxyz".utf8) } + [Array("\r\n\(F.lsp(Self.good))".utf8)]
        var framer = MessageFramer(maxHeaderBytes: 100)
        var items: [FramedItem] = []
        for chunk in chunks {
            framer.append(chunk)
            while let item = framer.next() { items.append(item) }
            #expect(framer.bufferedByteCount <= 100 + chunk.count)
        }
        while let item = framer.finish() { items.append(item) }
        #expect(failuresBeforeGood(items, .contentLength) == [.headerTooLarge])
    }

    @Test func garbageLineIsReportedAndTheFramerResyncsAtTheNextLine() {
        let lspItems = F.items("hello\r\n" + F.lsp(Self.good))
        #expect(failuresBeforeGood(lspItems, .contentLength) == [.malformedHeader])
        let lineItems = F.items("hello\n" + Self.good + "\n")
        #expect(failuresBeforeGood(lineItems, .line) == [.malformedHeader])
    }

    @Test func jsonLineInsideAHeaderBlockEndsTheBlockAndIsStillRead() {
        let items = F.items("X-Junk: 1\n" + Self.good + "\n")
        #expect(failuresBeforeGood(items, .line) == [.malformedHeader])
    }

    @Test func unsupportedCharsetSkipsTheBodyAndIsReported() {
        let items = F.items("Content-Length: 2\r\nContent-Type: application/json; charset=latin1\r\n\r\n{}" + F.lsp(Self.good))
        #expect(failuresBeforeGood(items, .contentLength) == [.unsupportedCharset])
    }

    @Test func overLimitBodyIsSkippedUnbufferedAndTheNextMessageComesThrough() {
        let big = "[" + String(repeating: "1,", count: 500) + "1]"
        let stream = Array((F.lsp(big) + F.lsp(Self.good)).utf8)
        var framer = MessageFramer(maxMessageBytes: 64, maxHeaderBytes: 64)
        var items: [FramedItem] = []
        var offset = 0
        while offset < stream.count {
            let chunk = Array(stream[offset..<min(offset + 7, stream.count)])
            offset += chunk.count
            framer.append(chunk)
            while let item = framer.next() { items.append(item) }
            #expect(framer.bufferedByteCount <= 64 + 64 + 7)
        }
        while let item = framer.finish() { items.append(item) }
        #expect(failuresBeforeGood(items, .contentLength) == [.messageTooLarge])
    }

    @Test func overLimitLineIsDiscardedUnbufferedAndReportedOnce() {
        let big = "[" + String(repeating: "1,", count: 500) + "1]\n"
        let stream = Array((big + Self.good + "\n").utf8)
        var framer = MessageFramer(maxMessageBytes: 64)
        var items: [FramedItem] = []
        for start in stride(from: 0, to: stream.count, by: 10) {
            framer.append(Array(stream[start..<min(start + 10, stream.count)]))
            while let item = framer.next() { items.append(item) }
            #expect(framer.bufferedByteCount <= 64 + 2 + 10)
        }
        while let item = framer.finish() { items.append(item) }
        #expect(failuresBeforeGood(items, .line) == [.messageTooLarge])
    }

    @Test func overLimitLineArrivingInOneReadIsReportedOnce() {
        let items = F.items("[" + String(repeating: "0", count: 100) + "]\n" + Self.good + "\n", maxMessageBytes: 64)
        #expect(failuresBeforeGood(items, .line) == [.messageTooLarge])
    }

    @Test func invalidUTF8IsReportedInBothFramings() {
        let bad: [UInt8] = Array(#"{"s":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        let lsp = Array("Content-Length: \(bad.count)\r\n\r\n".utf8) + bad + Array(F.lsp(Self.good).utf8)
        let lspItems = F.items([lsp])
        #expect(failuresBeforeGood(lspItems, .contentLength) == [.invalidUTF8])
        #expect(lspItems.first?.framing == .contentLength)
        let lineItems = F.items([bad + Array("\n\(Self.good)\n".utf8)])
        #expect(failuresBeforeGood(lineItems, .line) == [.invalidUTF8])
        #expect(lineItems.first?.framing == .line)
    }

    @Test func bodyCutShortByEndOfInputIsTruncated() {
        let items = F.items("Content-Length: 40\r\n\r\n{\"jsonrpc\":")
        #expect(items == [.failure(FramingError(.truncated, "message truncated by end of input (after 11 of 40 body bytes)"), .contentLength)])
    }

    @Test func headerBlockCutShortByEndOfInputIsTruncated() {
        #expect(F.kinds(F.items("Content-Length: 4\r\n")) == [.truncated])
        #expect(F.kinds(F.items("Content-Len")) == [.truncated])
    }

    @Test func lineCutShortByEndOfInputIsTruncated() {
        let items = F.items(#"{"jsonrpc":"2.0","params":["}"#)
        #expect(items.count == 1)
        #expect(F.kinds(items) == [.truncated])
        #expect(items.first?.framing == .line)
    }

    @Test func overLimitBodyCutShortByEndOfInputIsStillReportedTooLarge() {
        #expect(F.kinds(F.items("Content-Length: 1000\r\n\r\n[1,2,3", maxMessageBytes: 10)) == [.messageTooLarge])
    }

    @Test func failureDetailNamesTheProblem() {
        let items = F.items("Content-Length: abc\r\n\r\n")
        guard case .failure(let error, _) = items.first else {
            Issue.record("expected a failure, got \(items)")
            return
        }
        #expect(error.description.contains("\"abc\""))
        #expect(error.kind.rawValue == "invalidContentLength")
    }
}

@Suite struct GarbageLineFramingTests {
    @Test func aGarbageFirstLineIsAnsweredInLineFraming() {
        var framer = MessageFramer()
        framer.append(Array("hello\n{\"a\":1}\n".utf8))
        guard case .failure(let error, let framing)? = framer.next() else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.kind == .malformedHeader)
        #expect(framing == .line)
        #expect(framer.next() == .message(Array("{\"a\":1}".utf8), .line))
    }

    @Test func aBadLineInsideAHeaderBlockIsAnsweredInContentLengthFraming() {
        var framer = MessageFramer()
        framer.append(Array("Content-Length: 2\r\nbogus\r\n".utf8))
        guard case .failure(let error, let framing)? = framer.next() else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.kind == .malformedHeader)
        #expect(framing == .contentLength)
    }
}
