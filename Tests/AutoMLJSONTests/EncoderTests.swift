import Testing
@testable import AutoMLJSON

@Suite("Encoder")
struct EncoderTests {
    private let encoder = JSONValueEncoder()

    private struct Trial: Codable, Equatable {
        var trialId: Int
        var config: JSONObject
        var budget: Double?
        var state: String
    }

    @Test func keepsDeclarationOrderAndOmitsNilOptionals() throws {
        let trial = Trial(trialId: 3, config: ["z": 0.5, "a": 2], budget: nil, state: "pending")
        let value = try encoder.encode(trial)
        #expect(value.serialized() == #"{"trialId":3,"config":{"z":0.5,"a":2},"state":"pending"}"#)
    }

    @Test func keepsTheOrderKeysAreEncodedIn() throws {
        struct Reordered: Encodable {
            enum Keys: String, CodingKey { case a, b, c }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(1, forKey: .c)
                try container.encode(2, forKey: .a)
                try container.encode(3, forKey: .b)
                try container.encode(4, forKey: .c)
            }
        }
        #expect(try encoder.encode(Reordered()).serialized() == #"{"c":4,"a":2,"b":3}"#)
    }

    @Test func writesExplicitNulls() throws {
        struct Explicit: Encodable {
            enum Keys: String, CodingKey { case value }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encodeNil(forKey: .value)
            }
        }
        #expect(try encoder.encode(Explicit()) == ["value": .null])
        #expect(try encoder.encode([1, nil, 3] as [Int?]) == [1, .null, 3])
    }

    @Test func writesIntegersAsIntsAndRealsAsDoubles() throws {
        struct Numbers: Encodable {
            var i = 1
            var small: UInt8 = 255
            var big: Int64 = .min
            var d = 1.0
            var f: Float = 0.1
        }
        let value = try encoder.encode(Numbers())
        #expect(value == ["i": .int(1), "small": .int(255), "big": .int(.min), "d": .double(1.0), "f": .double(0.1)])
        #expect(value.serialized() == #"{"i":1,"small":255,"big":-9223372036854775808,"d":1.0,"f":0.1}"#)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func refusesNonFiniteReals(_ real: Double) throws {
        struct Holder: Encodable { var values: [String: Double] }
        let error = try #require(throws: EncodingError.self) { try encoder.encode(Holder(values: ["x": real])) }
        guard case .invalidValue(_, let context) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["values", "x"])
    }

    @Test func refusesNonFiniteFloatsAndScalarsAtTopLevel() {
        #expect(throws: EncodingError.self) { try encoder.encode(Float.nan) }
        #expect(throws: EncodingError.self) { try encoder.encode(Double.infinity) }
        #expect(throws: EncodingError.self) { try encoder.encode([1.0, .nan]) }
    }

    @Test func refusesUnsignedIntegersBeyondInt64() throws {
        #expect(throws: EncodingError.self) { try encoder.encode(UInt64.max) }
        #expect(try encoder.encode(UInt64(Int64.max)) == .int(.max))
    }

    @Test func encodesJSONValuesAsThemselves() throws {
        struct Result: Encodable {
            var best: JSON
            var trials: [JSON]
        }
        let best: JSON = ["value": 1, "config": ["y": 1.0, "b": [2]]]
        let value = try encoder.encode(Result(best: best, trials: [1, "x", .null]))
        #expect(value.serialized() == #"{"best":{"value":1,"config":{"y":1.0,"b":[2]}},"trials":[1,"x",null]}"#)
        #expect(try encoder.encode(best) == best)
    }

    @Test func encodesScalarsAtTopLevel() throws {
        #expect(try encoder.encode(3) == .int(3))
        #expect(try encoder.encode("x") == .string("x"))
        #expect(try encoder.encode(Int?.none) == .null)
        #expect(try encoder.encode(true) == .bool(true))
    }

    @Test func encodesNestedAndSuperContainers() throws {
        struct Nested: Encodable {
            enum Keys: String, CodingKey { case range, tags }
            enum Inner: String, CodingKey { case low, high }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                var range = container.nestedContainer(keyedBy: Inner.self, forKey: .range)
                var tags = container.nestedUnkeyedContainer(forKey: .tags)
                try tags.encode("a")
                var pair = tags.nestedUnkeyedContainer()
                try pair.encode(1)
                try pair.encode(2)
                try range.encode(0.5, forKey: .low)
                try range.encode(2, forKey: .high)
                try 7.encode(to: container.superEncoder())
            }
        }
        #expect(try encoder.encode(Nested()).serialized() == #"{"range":{"low":0.5,"high":2},"tags":["a",[1,2]],"super":7}"#)
    }

    @Test func refusesAValueThatEncodesNothing() {
        struct Silent: Encodable { func encode(to encoder: any Encoder) throws {} }
        #expect(throws: EncodingError.self) { try encoder.encode(Silent()) }
        #expect((try? encoder.encode([Silent()])) == [[:]])
    }

    @Test func roundTripsThroughTheDecoder() throws {
        let trial = Trial(trialId: 9, config: ["lr": 0.001, "layers": 3, "act": "relu"], budget: 27, state: "complete")
        let value = try encoder.encode(trial)
        #expect(try JSONValueDecoder().decode(Trial.self, from: value) == trial)
        #expect(try JSONValueDecoder().decode(Trial.self, from: JSON.parse(value.serialized())) == trial)
    }

    @Test func showsTypesTheirCodingPath() throws {
        final class Recorder: @unchecked Sendable { var paths: [[String]] = [] }
        struct Probe: Encodable {
            let recorder: Recorder
            func encode(to encoder: any Encoder) throws {
                recorder.paths.append(encoder.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue })
                var single = encoder.singleValueContainer()
                try single.encode(1)
            }
        }
        struct Holder: Encodable { var items: [[String: Probe]] }
        let recorder = Recorder()
        let value = try encoder.encode(Holder(items: [[:], ["b": Probe(recorder: recorder)]]))
        #expect(value == ["items": [[:], ["b": 1]]])
        #expect(recorder.paths == [["items", "1", "b"]])
    }
}

