import AutoMLJSON
import AutoMLRPC
import Testing

@Suite struct RPCServerTests {
    @Test func answersARequestInItsOwnFraming() async throws {
        let (output, ending) = await runServer([
            line(#"{"jsonrpc":"2.0","id":1,"method":"echo","params":{"a":1}}"#),
        ])
        #expect(ending == .endOfInput)
        #expect(output.reply(to: 1)?["result"] == ["a": 1])
        #expect(output.rawFrames.first?.last == UInt8(ascii: "\n"))
    }

    @Test func echoesIdsExactlyAsSent() async throws {
        let (output, _) = await runServer([
            line(#"{"jsonrpc":"2.0","id":7,"method":"echo","params":[]}"#),
            line(#"{"jsonrpc":"2.0","id":2.5,"method":"echo","params":[]}"#),
            line(#"{"jsonrpc":"2.0","id":"x-1","method":"echo","params":[]}"#),
            line(#"{"jsonrpc":"2.0","id":-3,"method":"echo","params":[]}"#),
        ])
        for id: JSON in [7, 2.5, "x-1", -3] {
            #expect(output.reply(to: id)?["result"] == [])
        }
    }

    @Test func notificationsAreNeverAnswered() async throws {
        let (output, _) = await runServer([
            line(#"{"jsonrpc":"2.0","method":"echo","params":{"a":1}}"#),
            line(#"{"jsonrpc":"2.0","method":"no/such/method"}"#),
            line(#"{"jsonrpc":"2.0","method":"fail","params":{"count":1}}"#),
        ])
        #expect(output.messages.isEmpty)
    }

    @Test func mapsEveryKindOfBadRequestToItsCode() async throws {
        let (output, _) = await runServer([
            line(#"{"jsonrpc":"2.0","id":1,"method":"nope"}"#),
            line(#"{"jsonrpc":"2.0","id":2,"method":"fail","params":{"count":"x"}}"#),
            line(#"{"jsonrpc":"2.0","id":3,"method":"fail","params":{"count":1}}"#),
            line(#"{"jsonrpc":"1.0","id":4,"method":"echo"}"#),
            line(#"{"jsonrpc":"2.0","id":5,"method":"echo","params":3}"#),
            line(#"{"jsonrpc":"2.0","id":{"a":1},"method":"echo"}"#),
            line(#"{"jsonrpc":"2.0","id":7,"method":7}"#),
            line(#"{"jsonrpc":"2.0", "id":8,"#),
            .failure(FramingError(.missingContentLength, "no Content-Length"), .contentLength),
        ])
        #expect(output.reply(to: 1)?["error"]?["code"] == .int(-32601))
        #expect(output.reply(to: 2)?["error"]?["code"] == .int(-32602))
        #expect(output.reply(to: 2)?["error"]?["data"]?["path"] == "params.count")
        #expect(output.reply(to: 3)?["error"]?["code"] == 1234)
        #expect(output.reply(to: 4)?["error"]?["code"] == .int(-32600))
        #expect(output.reply(to: 5)?["error"]?["code"] == .int(-32600))
        #expect(output.reply(to: 7)?["error"]?["code"] == .int(-32600))
        let nullIdErrors = output.messages.filter { $0["id"] == .null }.compactMap { $0["error"]?["code"]?.intValue }
        #expect(nullIdErrors.sorted() == [-32700, -32700, -32600])
    }

    @Test func batchesFollowTheSpec() async throws {
        let (output, _) = await runServer([
            line("[]"),
            line(#"[{"jsonrpc":"2.0","method":"echo"},{"jsonrpc":"2.0","method":"echo"}]"#),
            line(#"[1,{"jsonrpc":"2.0","id":"a","method":"echo","params":[1]},{"jsonrpc":"2.0","method":"echo"},{"jsonrpc":"2.0","id":"b","method":"nope"}]"#),
        ])
        let messages = output.messages
        #expect(messages.count == 2)
        #expect(messages.contains { $0["error"]?["code"] == .int(-32600) && $0["id"] == .null })
        let batch = try #require(messages.first { $0.arrayValue != nil }?.arrayValue)
        #expect(batch.count == 3)
        #expect(batch[0]["error"]?["code"] == .int(-32600))
        #expect(batch[1]["result"] == [1])
        #expect(batch[2]["error"]?["code"] == .int(-32601))
    }

    @Test func contentLengthClientsMustInitializeFirst() async throws {
        let (output, _) = await runServer([
            lsp(#"{"jsonrpc":"2.0","id":1,"method":"echo","params":[]}"#),
            lsp(#"{"jsonrpc":"2.0","id":2,"method":"initialize","params":{}}"#),
            lsp(#"{"jsonrpc":"2.0","id":3,"method":"echo","params":[]}"#),
            lsp(#"{"jsonrpc":"2.0","id":4,"method":"initialize","params":{}}"#),
        ])
        #expect(output.reply(to: 1)?["error"]?["code"] == .int(-32002))
        #expect(output.reply(to: 2)?["result"]?["capabilities"] != nil)
        #expect(output.reply(to: 3)?["result"] == [])
        #expect(output.reply(to: 4)?["error"]?["code"] == .int(-32600))
    }

    @Test func lineClientsAreServedWithoutInitialize() async throws {
        let (output, _) = await runServer([line(#"{"jsonrpc":"2.0","id":1,"method":"echo","params":[]}"#)])
        #expect(output.reply(to: 1)?["result"] == [])
    }

    @Test func shutdownThenExitEndsWithCodeZero() async throws {
        let (output, ending) = await runServer([
            line(#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
            line(#"{"jsonrpc":"2.0","id":2,"method":"echo","params":[]}"#),
            line(#"{"jsonrpc":"2.0","method":"exit"}"#),
            line(#"{"jsonrpc":"2.0","id":3,"method":"echo","params":[]}"#),
        ])
        #expect(output.reply(to: 1)?["result"] == .null)
        #expect(output.reply(to: 2)?["error"]?["code"] == .int(-32600))
        #expect(output.reply(to: 3) == nil)
        #expect(ending == .exitNotification(afterShutdown: true))
        #expect(ending.exitCode == 0)
    }

    @Test func exitWithoutShutdownEndsWithCodeOne() async throws {
        let (_, ending) = await runServer([line(#"{"jsonrpc":"2.0","method":"exit"}"#)])
        #expect(ending.exitCode == 1)
    }

    @Test func requestsWithTheSameKeyRunInArrivalOrder() async throws {
        let log = EventLog()
        let (output, _) = await runServer([
            line(#"{"jsonrpc":"2.0","id":1,"method":"sleep","params":{"ms":80,"key":"s","tag":"first"}}"#),
            line(#"{"jsonrpc":"2.0","id":2,"method":"sleep","params":{"ms":1,"key":"s","tag":"second"}}"#),
            line(#"{"jsonrpc":"2.0","id":3,"method":"sleep","params":{"ms":1,"tag":"unkeyed"}}"#),
        ], log: log)
        #expect(output.messages.count == 3)
        let entries = await log.entries
        #expect(entries.firstIndex(of: "first")! < entries.firstIndex(of: "second")!)
        // The unkeyed request did not wait behind the keyed ones.
        #expect(entries.first == "unkeyed")
    }

    @Test func cancelledRequestAnswersRequestCancelled() async throws {
        let (output, _) = await runServer([
            line(#"{"jsonrpc":"2.0","id":1,"method":"sleep","params":{"ms":10000,"tag":"long"}}"#),
            line(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#),
        ], pacing: .milliseconds(50))
        #expect(output.reply(to: 1)?["error"]?["code"] == .int(-32800))
    }

    @Test func queuedRequestCancelledBeforeItRunsNeverRuns() async throws {
        let log = EventLog()
        let (output, _) = await runServer([
            line(#"{"jsonrpc":"2.0","id":1,"method":"sleep","params":{"ms":150,"key":"k","tag":"blocker"}}"#),
            line(#"{"jsonrpc":"2.0","id":2,"method":"sleep","params":{"ms":1,"key":"k","tag":"queued"}}"#),
            line(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":2}}"#),
        ], log: log, pacing: .milliseconds(10))
        #expect(output.reply(to: 2)?["error"]?["code"] == .int(-32800))
        #expect(output.reply(to: 1)?["result"] == "blocker")
        #expect(await log.entries == ["blocker"])
    }

    @Test func progressIsReportedBeforeTheReplyWhenATokenIsGiven() async throws {
        let (output, _) = await runServer([
            line(#"{"jsonrpc":"2.0","id":1,"method":"sleep","params":{"ms":1,"tag":"p","workDoneToken":"tok"}}"#),
            line(#"{"jsonrpc":"2.0","id":2,"method":"sleep","params":{"ms":1,"tag":"q"}}"#),
        ])
        let messages = output.messages
        let kinds = messages.filter { $0["method"] == "$/progress" }.compactMap { $0["params"]?["value"]?["kind"]?.stringValue }
        #expect(kinds == ["begin", "report", "end"])
        #expect(messages.allSatisfy { $0["method"] != "$/progress" || $0["params"]?["token"] == "tok" })
        let replyIndex = try #require(messages.firstIndex { $0["id"] == 1 })
        let endIndex = try #require(messages.firstIndex { $0["params"]?["value"]?["kind"] == "end" })
        #expect(endIndex < replyIndex)
    }

    @Test func aClosedOutputEndsTheServer() async throws {
        let registry = MethodRegistry<TestContext>([Echo.self])
        let hooks = RPCServer<TestContext>.Hooks(initializeResult: { _ in .null }, flush: {})
        let server = RPCServer(registry: registry, context: TestContext(log: EventLog()), hooks: hooks, logger: .init(label: "t")) { _ in
            throw TransportError.closed
        }
        let stream = AsyncStream<FramedItem> { continuation in
            for id in 0..<5 { continuation.yield(line(#"{"jsonrpc":"2.0","id":\#(id),"method":"echo","params":[]}"#)) }
            continuation.finish()
        }
        #expect(await server.run(stream) == .outputClosed)
    }
}
