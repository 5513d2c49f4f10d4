import Foundation
import Testing
@testable import AutoMLJSON

/// `JSON` and `JSONObject` through coders other than this module's: the generic `Codable` path.
@Suite("JSON with other coders")
struct ForeignCoderTests {
    private struct Envelope: Codable {
        var name: String
        var payload: JSON
    }

    @Test func decodesFromFoundation() throws {
        let text = #"{"name": "n", "payload": {"a": [1, 2.5, "s", true, null], "b": {}}}"#
        let envelope = try JSONDecoder().decode(Envelope.self, from: Data(text.utf8))
        #expect(envelope.payload == ["a": [1, 2.5, "s", true, .null], "b": [:]])
    }

    @Test func encodesThroughFoundationAndReadsBack() throws {
        let envelope = Envelope(name: "n", payload: ["x": [1, 0.5, "s", false, .null], "o": ["k": -3]])
        let data = try JSONEncoder().encode(envelope)
        #expect(try JSON.parse(data)["payload"] == envelope.payload)
    }
}
