import Testing
@testable import AutoMLJSON

@Suite("String escaping")
struct StringEscapingTests {
    @Test func escapesQuoteAndBackslash() {
        #expect(JSON.string(#"say "hi" \ bye"#).serialized() == #""say \"hi\" \\ bye""#)
    }

    @Test func escapesControlCharactersByName() {
        #expect(JSON.string("\u{8}\u{C}\n\r\t").serialized() == #""\b\f\n\r\t""#)
    }

    @Test func escapesOtherControlCharactersAsHex() {
        #expect(JSON.string("\u{0}\u{1}\u{1F}").serialized() == #""\u0000\u0001\u001f""#)
    }

    @Test func leavesSlashAndDeleteAlone() {
        #expect(JSON.string("a/b\u{7F}").serialized() == "\"a/b\u{7F}\"")
    }

    @Test func keepsNonASCIIAsUTF8() {
        let text = "é中😀\u{2028}"
        #expect(JSON.string(text).serializedBytes() == Array("\"\(text)\"".utf8))
    }

    @Test func roundTripsEveryControlCharacterAndEscapesInKeys() throws {
        let all = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        // jansson refuses NUL inside keys, so the key starts at U+0001.
        let key = String(all.dropFirst()) + "\"\\"
        let value: JSON = .object(JSONObject([(key, .string(all + "\"\\é"))]))
        let text = value.serialized()
        #expect(!text.utf8.contains { $0 < 0x20 })
        #expect(try JSON.parse(text) == value)
    }

    @Test func escapesLongStringsWithEscapesInTheMiddle() throws {
        let plain = String(repeating: "abcdefgh", count: 64)
        let text = plain + "\n" + plain + "\"" + plain
        let printed = JSON.string(text).serialized()
        #expect(printed.utf8.count == text.utf8.count + 4)
        #expect(try JSON.parse(printed) == .string(text))
    }

    @Test func escapesBridgedAndSubstringBackedStrings() throws {
        let source = "xx\"quoted\"yy"
        let inner = String(source.dropFirst(2).dropLast(2))
        #expect(JSON.string(inner).serialized() == #""\"quoted\"""#)
    }
}
