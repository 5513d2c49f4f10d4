import Testing
@testable import AutoMLJSON

@Suite("Serialization")
struct SerializationTests {
    @Test func printsCompactlyInKeyOrder() {
        let value: JSON = ["z": [1, 2.5, .null, true], "a": ["y": "s", "b": [:]], "m": []]
        #expect(value.serialized() == #"{"z":[1,2.5,null,true],"a":{"y":"s","b":{}},"m":[]}"#)
    }

    @Test func printsBytesEqualToTheString() {
        let value: JSON = ["k": ["é", 1, -2.5]]
        #expect(value.serializedBytes() == Array(value.serialized().utf8))
    }

    @Test func printsIntegersExactly() {
        let value: JSON = [0, -1, 42, .int(.max), .int(.min)]
        #expect(value.serialized() == "[0,-1,42,9223372036854775807,-9223372036854775808]")
    }

    @Test(arguments: [
        (0.1, "0.1"), (1.0, "1.0"), (-0.0, "-0.0"), (0.0, "0.0"), (1e300, "1e+300"), (2.5, "2.5"),
        (1.0 / 3.0, "0.3333333333333333"), (Double.leastNonzeroMagnitude, "5e-324"), (100.0, "100.0"),
        (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"),
    ])
    func printsRealsInShortestForm(_ real: Double, _ text: String) throws {
        #expect(JSON.double(real).serialized() == text)
    }

    @Test(arguments: [0.1, 1.0 / 3.0, 1e-7, .leastNonzeroMagnitude, 2.2250738585072014e-308, .greatestFiniteMagnitude, -1e21, 123456.789e-12, 9007199254740993.0])
    func realsReadBackExactlyAndStayReals(_ real: Double) throws {
        let text = JSON.double(real).serialized()
        #expect(try JSON.parse(text) == .double(real), "printed as \(text)")
    }

    @Test func smallExponentsReadBack() throws {
        let text = JSON.double(1e-7).serialized()
        #expect(text.contains("e-"))
        #expect(try JSON.parse(text) == .double(1e-7))
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func printsNonFiniteRealsAsNull(_ real: Double) {
        #expect(JSON.array([.double(real)]).serialized() == "[null]")
    }

    @Test func roundTripsADocument() throws {
        let text = #"{"space":{"params":[{"name":"lr","type":"float","low":1e-05,"high":0.1,"log":true},{"name":"layers","type":"int","low":1,"high":8}]},"seed":7,"tags":["a","b\n"],"none":null}"#
        let value = try JSON.parse(text)
        #expect(value.serialized() == text)
        #expect(try JSON.parse(value.serialized()) == value)
        #expect(try JSON.parse(value.prettyPrinted()) == value)
    }

    @Test func prettyPrintsWithTwoSpaces() {
        let value: JSON = ["a": [1, ["b": .null]], "e": [], "o": [:]]
        let expected = """
            {
              "a": [
                1,
                {
                  "b": null
                }
              ],
              "e": [],
              "o": {}
            }
            """
        #expect(value.prettyPrinted() == expected)
    }

    @Test func prettyPrintsScalarsAlone() {
        #expect(JSON.string("x").prettyPrinted() == #""x""#)
        #expect(JSON.int(3).prettyPrinted() == "3")
    }

    @Test func describesItselfAsCompactText() {
        let value: JSON = ["a": [1, 2]]
        #expect("\(value)" == #"{"a":[1,2]}"#)
    }
}
