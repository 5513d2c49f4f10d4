import Testing

@testable import AutoMLRPC

@Suite struct FramerEncoderTests {
    @Test func contentLengthFramingWritesExactlyTheTwoHeadersInOrder() {
        let body = Array(#"{"jsonrpc":"2.0","id":1,"result":"é"}"#.utf8)
        let frame = FrameEncoder.encode(body, framing: .contentLength)
        let expected = "Content-Length: \(body.count)\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n"
        #expect(frame == Array(expected.utf8) + body)
        #expect(body.count == 38)  // bytes: "é" is two
    }

    @Test func lineFramingAppendsOneNewline() {
        #expect(FrameEncoder.encode(Array("[1,2]".utf8), framing: .line) == Array("[1,2]\n".utf8))
    }

    @Test(arguments: [Framing.contentLength, .line])
    func encodedFramesReadBackAsTheSameMessages(framing: Framing) {
        let bodies = [#"{"a":"b"}"#, "[]", #"{"s":"\n\r\t"}"#].map { Array($0.utf8) }
        let stream = bodies.map { FrameEncoder.encode($0, framing: framing) }
        #expect(FramerFixture.items(stream) == bodies.map { .message($0, framing) })
    }
}
