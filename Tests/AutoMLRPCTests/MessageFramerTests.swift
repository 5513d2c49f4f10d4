import Testing

@testable import AutoMLRPC

/// Feeds chunks to a framer the way the input channel does and collects what comes out.
enum FramerFixture {
    static func items(
        _ chunks: [[UInt8]], maxMessageBytes: Int = 1 << 20, maxHeaderBytes: Int = 1 << 10
    ) -> [FramedItem] {
        var framer = MessageFramer(maxMessageBytes: maxMessageBytes, maxHeaderBytes: maxHeaderBytes)
        var items: [FramedItem] = []
        for chunk in chunks {
            framer.append(chunk)
            while let item = framer.next() { items.append(item) }
        }
        while let item = framer.finish() { items.append(item) }
        return items
    }

    static func items(_ text: String, maxMessageBytes: Int = 1 << 20, maxHeaderBytes: Int = 1 << 10) -> [FramedItem] {
        items([Array(text.utf8)], maxMessageBytes: maxMessageBytes, maxHeaderBytes: maxHeaderBytes)
    }

    /// An LSP frame with a correct Content-Length and no other header.
    static func lsp(_ body: String) -> String {
        "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    static func message(_ body: String, _ framing: Framing) -> FramedItem {
        .message(Array(body.utf8), framing)
    }

    static func kinds(_ items: [FramedItem]) -> [FramingError.Kind?] {
        items.map { item in
            if case .failure(let error, _) = item { return error.kind }
            return nil
        }
    }
}

@Suite struct MessageFramerTests {
    typealias F = FramerFixture

    @Test func lspMessageSplitAtEveryByteBoundaryComesThroughWhole() {
        let body = #"{"jsonrpc":"2.0","id":1,"method":"x","params":{"s":"é€𝄞"}}"#
        let bytes = Array(F.lsp(body).utf8)
        for cut in 0...bytes.count {
            let items = F.items([Array(bytes[..<cut]), Array(bytes[cut...])])
            #expect(items == [F.message(body, .contentLength)], "cut at \(cut)")
        }
    }

    @Test func ndjsonMessageSplitAtEveryByteBoundaryComesThroughWhole() {
        let body = #"{"jsonrpc":"2.0","method":"n","params":["a\nb","é"]}"#
        let bytes = Array((body + "\r\n").utf8)
        for cut in 0...bytes.count {
            let items = F.items([Array(bytes[..<cut]), Array(bytes[cut...])])
            #expect(items == [F.message(body, .line)], "cut at \(cut)")
        }
    }

    @Test func messagesFedOneByteAtATimeComeThroughInOrder() {
        let stream = F.lsp(#"{"a":1}"#) + #"{"b":2}"# + "\n" + F.lsp(#"[3]"#)
        let items = F.items(stream.utf8.map { [$0] })
        #expect(items == [F.message(#"{"a":1}"#, .contentLength), F.message(#"{"b":2}"#, .line), F.message("[3]", .contentLength)])
    }

    @Test func severalMessagesInOneReadAllComeOut() {
        let stream = F.lsp("[1]") + F.lsp("[2]") + F.lsp("[3]")
        #expect(F.items(stream) == [F.message("[1]", .contentLength), F.message("[2]", .contentLength), F.message("[3]", .contentLength)])
    }

    @Test func mixedFramingsInOneStreamKeepTheirFraming() {
        let stream = "{\"n\":1}\n" + F.lsp(#"{"n":2}"#) + "[{\"n\":3}]\n"
        #expect(F.items(stream) == [F.message(#"{"n":1}"#, .line), F.message(#"{"n":2}"#, .contentLength), F.message(#"[{"n":3}]"#, .line)])
    }

    @Test(arguments: ["content-length", "CONTENT-LENGTH", "Content-length"])
    func headerNamesAreCaseInsensitive(name: String) {
        let items = F.items("\(name): 2\r\ncontent-type: application/json\r\n\r\n{}")
        #expect(items == [F.message("{}", .contentLength)])
    }

    @Test(arguments: ["charset=utf8", "charset=utf-8", "charset=UTF-8", "charset=\"utf-8\"", " CharSet = UTF8 "])
    func utf8CharsetSpellingsAreAccepted(parameter: String) {
        let items = F.items("Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc;\(parameter)\r\n\r\n{}")
        #expect(items == [F.message("{}", .contentLength)])
    }

    @Test func contentTypeIsOptional() {
        #expect(F.items("Content-Length: 2\r\n\r\n[]") == [F.message("[]", .contentLength)])
    }

    @Test func unknownHeadersAreIgnored() {
        let items = F.items("X-Trace: abc\r\nContent-Length: 2\r\nAccept: */*\r\n\r\n{}")
        #expect(items == [F.message("{}", .contentLength)])
    }

    @Test func headerLinesMayEndWithABareNewline() {
        #expect(F.items("Content-Length: 2\n\n{}") == [F.message("{}", .contentLength)])
    }

    @Test func zeroContentLengthGivesAnEmptyMessage() {
        #expect(F.items("Content-Length: 0\r\n\r\n" + "[1]\n") == [.message([], .contentLength), F.message("[1]", .line)])
    }

    @Test func crlfTerminatedLinesLoseTheirCarriageReturn() {
        #expect(F.items("{\"a\":1}\r\n[2]\r\n") == [F.message(#"{"a":1}"#, .line), F.message("[2]", .line)])
    }

    @Test func blankLinesAndWhitespaceBetweenMessagesAreSkipped() {
        let stream = "\r\n\n  \t{}\n\n\r\n" + F.lsp("[]") + "\n\n \r\n" + F.lsp("{}") + "\n"
        #expect(F.items(stream) == [F.message("{}", .line), F.message("[]", .contentLength), F.message("{}", .contentLength)])
    }

    @Test func finalLineWithoutNewlineIsDeliveredWhenItsValueIsClosed() {
        #expect(F.items(#"{"s":"}]\"{"}"#) == [F.message(#"{"s":"}]\"{"}"#, .line)])
        #expect(F.items("[1,[2]]\r") == [F.message("[1,[2]]", .line)])
    }

    @Test func whitespaceOnlyInputGivesNothing() {
        #expect(F.items(" \r\n\t\n").isEmpty)
        #expect(F.items([]).isEmpty)
    }

    @Test func nextReturnsNilUntilTheBodyIsComplete() {
        var framer = MessageFramer()
        framer.append(Array("Content-Length: 4\r\n\r\n[1".utf8))
        #expect(framer.next() == nil)
        framer.append(Array(",2[".utf8))
        #expect(framer.next() == F.message("[1,2", .contentLength))
        #expect(framer.next() == nil)
        #expect(framer.bufferedByteCount == 1)
        #expect(framer.finish() == .failure(FramingError(.truncated, "message truncated by end of input (inside a line)"), .line))
        #expect(framer.finish() == nil)
    }

    @Test func validUTF8OfEveryLengthPasses() {
        let text = #"["aé€𝄞\u0000", "\#u{7F}\#u{80}\#u{7FF}\#u{800}\#u{FFFF}\#u{10000}\#u{10FFFF}"]"#
        #expect(F.items(text + "\n") == [F.message(text, .line)])
        #expect(F.items(F.lsp(text)) == [F.message(text, .contentLength)])
    }

    @Test(arguments: [
        [0x80], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xC3], [0xE2, 0x28, 0xA1], [0xFF],
    ] as [[UInt8]])
    func malformedUTF8SequencesAreRejected(sequence: [UInt8]) {
        let body = Array("[\"0123456789".utf8) + sequence + Array("\"]".utf8)
        let valid = body.withUnsafeBytes { UTF8Validation.isValid($0) }
        #expect(!valid)
    }
}
