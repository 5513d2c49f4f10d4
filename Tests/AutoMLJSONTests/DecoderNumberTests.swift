import Testing
@testable import AutoMLJSON

private func decode<T: Decodable>(_ type: T.Type, _ value: JSON) throws(JSONFieldError) -> T {
    try JSONValueDecoder().decode(type, from: value)
}

private func reason<T: Decodable>(_ type: T.Type, _ value: JSON) -> String? {
    do {
        _ = try decode(type, value)
        return nil
    } catch {
        return error.reason
    }
}

@Suite("Decoder numbers")
struct DecoderNumberTests {
    @Test func readsIntegersIntoEveryIntegerType() throws {
        #expect(try decode(Int.self, 7) == 7)
        #expect(try decode(Int8.self, -128) == -128)
        #expect(try decode(Int16.self, 300) == 300)
        #expect(try decode(Int32.self, -5) == -5)
        #expect(try decode(Int64.self, .int(.min)) == .min)
        #expect(try decode(UInt.self, 9) == 9)
        #expect(try decode(UInt8.self, 255) == 255)
        #expect(try decode(UInt16.self, 65535) == 65535)
        #expect(try decode(UInt32.self, 1) == 1)
        #expect(try decode(UInt64.self, .int(.max)) == UInt64(Int64.max))
    }

    @Test func refusesIntegersOutOfTheTypesRange() {
        #expect(reason(Int8.self, 128) == "integer out of range")
        #expect(reason(UInt8.self, -1) == "integer out of range")
        #expect(reason(UInt.self, -1) == "integer out of range")
        #expect(reason(Int32.self, .int(1 << 40)) == "integer out of range")
    }

    @Test func readsIntegralRealsIntoIntegers() throws {
        #expect(try decode(Int.self, 2.0) == 2)
        #expect(try decode(Int8.self, -0.0) == 0)
        #expect(try decode(Int64.self, 1e15) == 1_000_000_000_000_000)
    }

    @Test func refusesIntegralRealsOutOfRange() {
        #expect(reason(Int64.self, 1e19) == "integer out of range")
        #expect(reason(UInt8.self, 256.0) == "integer out of range")
    }

    @Test func refusesFractionalRealsForIntegers() throws {
        let text = try #require(reason(Int.self, 2.5))
        #expect(text.hasPrefix("expected an integer"))
    }

    @Test func readsBothKindsOfNumberIntoReals() throws {
        #expect(try decode(Double.self, 3) == 3.0)
        #expect(try decode(Double.self, 0.1) == 0.1)
        #expect(try decode(Float.self, 2) == 2)
        #expect(try decode(Float.self, 0.5) == 0.5)
    }

    @Test func refusesRealsTooLargeForFloat() {
        #expect(reason(Float.self, 1e300) == "number out of range")
    }

    @Test func neverConvertsBetweenStringsBooleansAndNumbers() {
        #expect(reason(Double.self, "1") == "expected a number, found a string")
        #expect(reason(Int.self, true) == "expected an integer, found a boolean")
        #expect(reason(Bool.self, 1) == "expected a boolean, found an integer")
        #expect(reason(String.self, 1.5) == "expected a string, found a number")
    }

    @Test func readsNumbersInsideContainers() throws {
        struct Sample: Decodable {
            var count: UInt16
            var rate: Float
            var values: [Double]
            var steps: [Int8]
        }
        let sample = try decode(Sample.self, ["count": 3, "rate": 0.25, "values": [1, 2.5], "steps": [1, 2.0]])
        #expect(sample.count == 3)
        #expect(sample.rate == 0.25)
        #expect(sample.values == [1, 2.5])
        #expect(sample.steps == [1, 2])
        #expect(reason(Sample.self, ["count": 3, "rate": 0.25, "values": [1], "steps": [300]]) == "integer out of range")
    }
}
