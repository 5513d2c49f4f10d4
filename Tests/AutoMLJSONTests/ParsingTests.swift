import Testing
@testable import AutoMLJSON

@Suite("Parsing")
struct ParsingTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSON.parse(#"{"n": null, "t": true, "f": false, "i": -12, "r": 2.5, "s": "x", "a": [1, [], {}]}"#)
        let expected: JSON = ["n": .null, "t": true, "f": false, "i": -12, "r": 2.5, "s": "x", "a": [1, [], [:]]]
        #expect(value == expected)
    }

    @Test func keepsIntegersAndRealsApart() throws {
        #expect(try JSON.parse("1") == .int(1))
        #expect(try JSON.parse("1.0") == .double(1.0))
        #expect(try JSON.parse("1e2") == .double(100))
        #expect(try JSON.parse("-0") == .int(0))
        #expect(try JSON.parse("-0.0") == .double(-0.0))
        #expect(try JSON.parse("-0.0").doubleValue?.sign == .minus)
    }

    @Test func readsTheWholeInt64Range() throws {
        #expect(try JSON.parse("9223372036854775807") == .int(.max))
        #expect(try JSON.parse("-9223372036854775808") == .int(.min))
    }

    @Test func acceptsAScalarAtTopLevelWithSurroundingWhitespace() throws {
        #expect(try JSON.parse(" \n\t\"hi\"\r\n ") == .string("hi"))
        #expect(try JSON.parse("null") == .null)
        #expect(try JSON.parse("false") == .bool(false))
    }

    @Test func keepsObjectKeyOrder() throws {
        let keys = (0..<40).map { "k\(($0 * 17) % 40)" }
        let text = "{" + keys.map { "\"\($0)\": 0" }.joined(separator: ",") + "}"
        let object = try #require(try JSON.parse(text).objectValue)
        #expect(object.keys == keys)
    }

    @Test func keepsKeyOrderInNestedObjects() throws {
        let value = try JSON.parse(#"[{"z": {"y": 1, "b": 2, "x": 3}, "a": 0}]"#)
        #expect(value[0]?.objectValue?.keys == ["z", "a"])
        #expect(value[0]?["z"]?.objectValue?.keys == ["y", "b", "x"])
    }

    @Test func decodesEscapesAndNonASCII() throws {
        let value = try JSON.parse(#"["\"\\\/\b\f\n\r\t", "\u00e9\u4e2d", "é中😀", "\ud83d\ude00"]"#)
        #expect(value == ["\"\\/\u{8}\u{C}\n\r\t", "é中", "é中😀", "😀"])
    }

    @Test func acceptsEscapedNulInStrings() throws {
        let value = try JSON.parse(#"["a\u0000b"]"#)
        #expect(value[0]?.stringValue == "a\u{0}b")
        #expect(value[0]?.stringValue?.utf8.count == 3)
    }

    @Test func readsEveryInputKind() throws {
        let text = #"{"a": [1, 2.5]}"#
        let expected: JSON = ["a": [1, 2.5]]
        let bytes = Array(text.utf8)
        #expect(try JSON.parse(text) == expected)
        #expect(try JSON.parse(bytes) == expected)
        #expect(try JSON.parse(bytes[...]) == expected)
        #expect(try JSON.parse(text.utf8) == expected)
        #expect(try bytes.withUnsafeBytes { buffer throws(JSONParseError) in try JSON.parse(buffer) } == expected)
        #expect(try JSON.parse(AnyCollection(bytes)) == expected)
    }

    @Test func readsASliceInPlaceWithoutTheBytesAroundIt() throws {
        let bytes = Array("xx[1,2]yy".utf8)
        #expect(try JSON.parse(bytes[2..<7]) == [1, 2])
    }

    @Test func readsLargeDocuments() throws {
        let elements = (0..<2000).map { #"{"i": \#($0), "x": \#(Double($0) / 8)}"# }
        let value = try JSON.parse("[" + elements.joined(separator: ",") + "]")
        let array = try #require(value.arrayValue)
        #expect(array.count == 2000)
        #expect(array[1999] == ["i": 1999, "x": 249.875])
    }
}
