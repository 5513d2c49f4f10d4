import AutoMLJSON
import AutoMLServer
import Foundation
import Testing

@Suite struct OpenRPCDocumentTests {
    static let schemaPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schemas/openrpc.json").path

    @Test func embeddedDocumentIsTheSchemasFile() throws {
        let onDisk = try String(contentsOfFile: Self.schemaPath, encoding: .utf8)
        #expect(onDisk.trimmingCharacters(in: .whitespacesAndNewlines) == OpenRPCDocument.text.trimmingCharacters(in: .whitespacesAndNewlines),
                "run scripts/embed-openrpc after editing schemas/openrpc.json")
    }

    @Test func documentListsExactlyTheRegisteredMethods() throws {
        let document = try OpenRPCDocument.json()
        let documented = Set((document["methods"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
        // initialize and shutdown are answered by the lifecycle, not the registry.
        #expect(documented == Set(ServerMethods.registry.names).union(["initialize", "shutdown"]))
    }

    @Test func documentIsOpenRPCWithEngineErrors() throws {
        let document = try OpenRPCDocument.json()
        #expect(document["openrpc"]?.stringValue?.hasPrefix("1.") == true)
        let text = OpenRPCDocument.text
        for code in 1000...1009 { #expect(text.contains("\(code)"), "error code \(code) is not documented") }
    }
}
