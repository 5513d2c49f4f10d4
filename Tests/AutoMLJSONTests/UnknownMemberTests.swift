import AutoMLJSON
import Testing

@Suite struct UnknownMemberTests {
    struct Inner: Decodable { var low: Double; var high: Double? }
    struct Outer: Decodable { var name: String; var bounds: [Inner]; var extra: [String: Int]? }

    func strict() -> JSONValueDecoder {
        var decoder = JSONValueDecoder()
        decoder.rejectUnknownMembers = true
        decoder.allowedRootMembers = ["token"]
        return decoder
    }

    @Test func unknownMembersAreIgnoredByDefault() throws {
        let value: JSON = ["name": "a", "bounds": [["low": 1, "hihg": 2]], "zzz": 1]
        let decoded = try JSONValueDecoder().decode(Outer.self, from: value, path: "params")
        #expect(decoded.bounds[0].high == nil)
    }

    @Test func strictDecodingNamesTheFirstUnknownMemberWithItsPath() {
        let value: JSON = ["name": "a", "bounds": [["low": 1], ["low": 1, "hihg": 2]]]
        #expect(throws: JSONFieldError.self) { try strict().decode(Outer.self, from: value, path: "params") }
        do {
            _ = try strict().decode(Outer.self, from: value, path: "params")
        } catch {
            #expect(error.path == "params.bounds[1].hihg")
            #expect(error.reason.contains("high"))
        }
    }

    @Test func allowedRootMembersAndDictionariesPass() throws {
        let value: JSON = ["name": "a", "bounds": [], "extra": ["anything": 1, "goes": 2], "token": "t"]
        let decoded = try strict().decode(Outer.self, from: value, path: "params")
        #expect(decoded.extra?["goes"] == 2)
    }

    @Test func allowedRootMembersDoNotApplyBelowTheRoot() {
        let value: JSON = ["name": "a", "bounds": [["low": 1, "token": "t"]]]
        #expect(throws: JSONFieldError(path: "params.bounds[0].token", reason: "unknown field; known fields here: high, low")) {
            try strict().decode(Outer.self, from: value, path: "params")
        }
    }
}
