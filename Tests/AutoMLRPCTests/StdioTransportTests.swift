#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

@testable import AutoMLRPC

/// A pipe(2) whose ends the test closes explicitly.
private struct Pipe {
    let readEnd: Int32
    let writeEnd: Int32

    init() throws {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = write(writeEnd, base + offset, raw.count - offset)
                guard n > 0 else { return }
                offset += n
            }
        }
    }

    func readAvailable(upTo count: Int) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, count) }
        return Array(buffer.prefix(max(0, n)))
    }
}

@Suite struct StdioTransportTests {
    @Test func outputChannelWritesFramedBytes() throws {
        let pipe = try Pipe()
        defer { close(pipe.readEnd) }
        let output = OutputChannel(fileDescriptor: pipe.writeEnd)
        try output.send(Array("[1]".utf8), framing: .line)
        try output.write(Array("xyz".utf8))
        close(pipe.writeEnd)
        #expect(pipe.readAvailable(upTo: 100) == Array("[1]\nxyz".utf8))
    }

    @Test func outputChannelToAClosedPipeThrowsClosedAndStaysClosed() throws {
        OutputChannel.ignoreSIGPIPE()
        let pipe = try Pipe()
        defer { close(pipe.writeEnd) }
        close(pipe.readEnd)
        let output = OutputChannel(fileDescriptor: pipe.writeEnd)
        #expect(!output.isClosed)
        #expect(throws: TransportError.closed) { try output.write(Array("{}\n".utf8)) }
        #expect(output.isClosed)
        #expect(throws: TransportError.closed) { try output.send([], framing: .line) }
    }

    @Test func inputChannelDeliversItemsAndFinishesAtEndOfInput() async throws {
        let pipe = try Pipe()
        defer { close(pipe.readEnd) }
        let input = InputChannel(fileDescriptor: pipe.readEnd, chunkSize: 5)
        let stream = input.readItems()
        pipe.writeAll(Array(("[1]\n" + FramerFixture.lsp(#"{"a":"b"}"#) + "hello\n" + "[2]").utf8))
        close(pipe.writeEnd)
        var items: [FramedItem] = []
        for await item in stream { items.append(item) }
        #expect(items.count == 4)
        #expect(items.first == FramerFixture.message("[1]", .line))
        #expect(items.dropFirst().first == FramerFixture.message(#"{"a":"b"}"#, .contentLength))
        #expect(FramerFixture.kinds(Array(items.dropFirst(2).prefix(1))) == [.malformedHeader])
        #expect(items.last == FramerFixture.message("[2]", .line))
    }

    @Test func inputChannelWithATinyQueueStillDeliversEveryItemInOrder() async throws {
        let pipe = try Pipe()
        defer { close(pipe.readEnd) }
        let input = InputChannel(fileDescriptor: pipe.readEnd, maxQueuedItems: 1)
        let stream = input.readItems()
        let count = 200
        pipe.writeAll(Array((0..<count).map { "[\($0)]\n" }.joined().utf8))
        close(pipe.writeEnd)
        var received: [FramedItem] = []
        for await item in stream { received.append(item) }
        #expect(received == (0..<count).map { FramerFixture.message("[\($0)]", .line) })
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingTheConsumerEndsTheStreamWhileInputIsSilent() async throws {
        let pipe = try Pipe()
        defer { close(pipe.readEnd) }
        let stream = InputChannel(fileDescriptor: pipe.readEnd).readItems()
        pipe.writeAll(Array("[1]\n".utf8))
        let (seen, seenContinuation) = AsyncStream.makeStream(of: Void.self)
        let consumer = Task {
            var count = 0
            for await _ in stream {
                count += 1
                seenContinuation.yield()
            }
            return count
        }
        // The first item arrives, then the consumer waits on a silent pipe until cancelled.
        var seenIterator = seen.makeAsyncIterator()
        _ = await seenIterator.next()
        consumer.cancel()
        #expect(await consumer.value == 1)
        close(pipe.writeEnd)  // lets the reader thread's blocked read(2) return
    }

    @Test func secondReadItemsCallGetsAnEmptyStream() async throws {
        let pipe = try Pipe()
        defer { close(pipe.readEnd) }
        let input = InputChannel(fileDescriptor: pipe.readEnd)
        let first = input.readItems()
        var emptyCount = 0
        for await _ in input.readItems() { emptyCount += 1 }
        #expect(emptyCount == 0)
        pipe.writeAll(Array("[0]\n".utf8))
        close(pipe.writeEnd)
        var items: [FramedItem] = []
        for await item in first { items.append(item) }
        #expect(items == [FramerFixture.message("[0]", .line)])
    }

    @Test func concurrentWritersNeverInterleaveFrames() async throws {
        let pipe = try Pipe()
        defer { close(pipe.readEnd) }
        let output = OutputChannel(fileDescriptor: pipe.writeEnd)
        let stream = InputChannel(fileDescriptor: pipe.readEnd, chunkSize: 1000).readItems()
        let writers = 4
        let perWriter = 5
        // Far larger than PIPE_BUF and the pipe's capacity: writes are partial, and only the
        // channel's lock keeps frames whole.
        let padding = String(repeating: "x", count: 30_000)
        func body(_ writer: Int, _ index: Int) -> String { #"{"w":\#(writer),"i":\#(index),"p":"\#(padding)"}"# }
        var identities: [String: String] = [:]
        for writer in 0..<writers {
            for index in 0..<perWriter { identities[body(writer, index)] = "\(writer).\(index)" }
        }
        let known = identities
        let reader = Task {
            var received: [String] = []
            for await item in stream {
                guard case .message(let bytes, _) = item else {
                    received.append("failure")
                    continue
                }
                received.append(known[String(decoding: bytes, as: UTF8.self)] ?? "garbled \(bytes.count) bytes")
            }
            return received
        }
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in 0..<perWriter {
                        try? output.send(Array(body(writer, index).utf8), framing: index % 2 == 0 ? .contentLength : .line)
                    }
                }
            }
        }
        close(pipe.writeEnd)
        let received = await reader.value
        #expect(received.sorted() == identities.values.sorted())
    }
}
