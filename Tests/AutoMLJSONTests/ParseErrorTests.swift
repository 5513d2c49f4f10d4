import Testing
@testable import AutoMLJSON

/// The error `JSON.parse` throws for `text`, or nil if it parses.
func parseError(_ text: String, maxDepth: Int = JSON.defaultMaxDepth) -> JSONParseError? {
    do {
        _ = try JSON.parse(text, maxDepth: maxDepth)
        return nil
    } catch {
        return error
    }
}

/// The error `JSON.parse` throws for raw `bytes`, or nil if they parse.
func parseError(bytes: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSON.parse(bytes)
        return nil
    } catch {
        return error
    }
}

@Suite("Parse errors")
struct ParseErrorTests {
    @Test func refusesDuplicateKeysAtTheSecondKey() throws {
        let error = try #require(parseError(#"{"a": 1, "a": 2}"#))
        #expect(error.message.contains("duplicate"))
        #expect(error.position == 9)
        #expect(error.column == 10)
    }

    @Test func refusesDuplicateKeysInNestedObjects() {
        #expect(parseError(#"[{"x": {"k": 1, "k": 1}}]"#) != nil)
        #expect(parseError(#"[{"k": 1}, {"k": 1}]"#) == nil)
    }

    @Test(arguments: ["9223372036854775808", "-9223372036854775809", "123456789012345678901234567890"])
    func refusesIntegersBeyondInt64(_ literal: String) throws {
        let error = try #require(parseError("[0, \(literal)]"))
        #expect(error.message.contains("64-bit"))
        #expect(error.position == 4)
    }

    @Test(arguments: ["1e400", "-1.5e309", "1e99999999999999999999"])
    func refusesRealsBeyondDouble(_ literal: String) throws {
        let error = try #require(parseError("[\(literal)]"))
        #expect(error.message.contains("double"))
        #expect(error.position == 1)
    }

    @Test func readsRealsThatUnderflowAsZero() throws {
        #expect(try JSON.parse("1e-400") == .double(0))
    }

    @Test(arguments: ["NaN", "nan", "Infinity", "-Infinity", "inf", "+Infinity"])
    func refusesNaNAndInfinityByName(_ token: String) throws {
        let error = try #require(parseError("[1, \(token)]"))
        #expect(error.message == "NaN and Infinity are not valid JSON numbers")
        #expect(error.position == 4)
    }

    @Test(arguments: ["info", "nano", "-i", "Infinite"])
    func keepsTheGenericMessageForOtherWords(_ token: String) throws {
        let error = try #require(parseError("[\(token)]"))
        #expect(!error.message.contains("NaN"))
        #expect(error.position == 1)
    }

    @Test(arguments: ["[1] x", "[1]]", "{} {}", "1 2", "\"a\" \"b\""])
    func refusesTrailingGarbage(_ text: String) {
        #expect(parseError(text) != nil)
    }

    @Test(arguments: ["", "   ", "\n\t"])
    func refusesEmptyInput(_ text: String) throws {
        let error = try #require(parseError(text))
        #expect(error.message.hasPrefix("empty input"))
        #expect(error.position == text.utf8.count)
    }

    @Test(arguments: ["[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "'a'", "[tru]", "{a: 1}", "\"\\x\"", "\"tab\there\""])
    func refusesWhatRFC8259Refuses(_ text: String) {
        #expect(parseError(text) != nil)
    }

    @Test func refusesInvalidUTF8AtTheBadByte() throws {
        var bytes = Array(#"["ok", "a"#.utf8)
        bytes += [0xFF]
        bytes += Array(#"b"]"#.utf8)
        let error = try #require(parseError(bytes: bytes))
        #expect(error.message.hasPrefix("invalid UTF-8"))
        #expect(error.position == 9)
    }

    @Test(arguments: [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80]] as [[UInt8]])
    func refusesOverlongSurrogateOutOfRangeAndTruncatedSequences(_ sequence: [UInt8]) {
        let bytes = [UInt8(ascii: "\"")] + sequence + [UInt8(ascii: "\"")]
        #expect(parseError(bytes: bytes) != nil)
    }

    @Test func refusesLoneSurrogateEscapes() {
        #expect(parseError(#""\ud800""#) != nil)
        #expect(parseError(#""\udc00x""#) != nil)
    }

    @Test func refusesNulInObjectKeys() {
        #expect(parseError(#"{"a\u0000": 1}"#) != nil)
    }

    @Test func locatesErrorsByLineAndColumn() throws {
        let text = "{\n  \"a\": 1,\n  \"b\": tru\n}"
        let error = try #require(parseError(text))
        #expect(error.line == 3)
        #expect(error.column == 8)
        #expect(error.position == 19)
        #expect(error.description == "invalid JSON at line 3, column 8 (byte 19): \(error.message)")
    }

    @Test func countsColumnsInCharactersAndPositionsInBytes() throws {
        let error = try #require(parseError(#"["é", x]"#))
        #expect(error.line == 1)
        #expect(error.column == 7)
        #expect(error.position == 7)
    }

    @Test func locatesAMissingValueAtTheStrayToken() throws {
        let error = try #require(parseError("[1,,2]"))
        #expect(error.position == 3)
        #expect(error.description.hasPrefix("invalid JSON at line 1, column 4 (byte 3): "))
    }

    @Test func locatesTruncatedInputAtTheEnd() throws {
        let error = try #require(parseError(#"{"a": [1, 2"#))
        #expect(error.position == 11)
    }
}
