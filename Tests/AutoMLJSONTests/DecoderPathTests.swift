import Testing
@testable import AutoMLJSON

/// The field error decoding `T` from `text` throws, or nil if it decodes.
func fieldError<T: Decodable>(_ type: T.Type, _ text: String, path: String = "") throws -> JSONFieldError? {
    let value = try JSON.parse(text)
    do {
        _ = try JSONValueDecoder().decode(type, from: value, path: path)
        return nil
    } catch {
        return error
    }
}

private struct Params: Decodable { var space: Space }
private struct Space: Decodable { var params: [Param] }
private struct Param: Decodable {
    var name: String?
    var low: Double?
    var high: Double?
}
private struct Bounds: Decodable {
    var low: Double
    var high: Double
}
private enum Goal: String, Decodable { case minimize, maximize }
private struct Objective: Decodable { var goal: Goal }

@Suite("Decoder paths")
struct DecoderPathTests {
    @Test func namesTheOffendingFieldUnderTheBasePath() throws {
        let error = try #require(try fieldError(Params.self, #"{"space":{"params":[{},{},{"low":"x"}]}}"#, path: "params"))
        #expect(error.path == "params.space.params[2].low")
        #expect(error.reason == "expected a number, found a string")
        #expect(error.description == "params.space.params[2].low: expected a number, found a string")
    }

    @Test func namesAMissingRequiredField() throws {
        let error = try #require(try fieldError([Bounds].self, #"[{"low": 0, "high": 1}, {"low": 1}]"#, path: "ranges"))
        #expect(error == JSONFieldError(path: "ranges[1].high", reason: "required field is missing"))
    }

    @Test func namesAContainerOfTheWrongType() throws {
        let error = try #require(try fieldError(Params.self, #"{"space": []}"#, path: "params"))
        #expect(error == JSONFieldError(path: "params.space", reason: "expected an object, found an array"))
        let inner = try #require(try fieldError(Params.self, #"{"space": {"params": {}}}"#))
        #expect(inner == JSONFieldError(path: "space.params", reason: "expected an array, found an object"))
    }

    @Test func namesNullWhereAValueIsRequired() throws {
        let error = try #require(try fieldError(Bounds.self, #"{"low": null, "high": 1}"#))
        #expect(error == JSONFieldError(path: "low", reason: "expected a number, found null"))
    }

    @Test func startsAtTheRootWithoutABasePath() throws {
        #expect(try fieldError(Int.self, #""x""#) == JSONFieldError(path: "", reason: "expected an integer, found a string"))
        #expect(try fieldError([Int].self, #"[1, "x"]"#)?.path == "[1]")
        #expect(try fieldError([Int].self, #"[1, "x"]"#, path: "values")?.path == "values[1]")
    }

    @Test func namesPositionsInNestedArraysAndDictionaries() throws {
        let error = try #require(try fieldError([String: [[Int]]].self, #"{"a": [[1], [2, 3.5]]}"#, path: "p"))
        #expect(error.path == "p.a[1][1]")
        #expect(error.reason.hasPrefix("expected an integer"))
    }

    @Test func namesAnElementMissingFromAFixedLengthArray() throws {
        struct Pair: Decodable {
            var first: Int
            var second: Int
            init(from decoder: any Decoder) throws {
                var elements = try decoder.unkeyedContainer()
                first = try elements.decode(Int.self)
                second = try elements.decode(Int.self)
            }
        }
        let error = try #require(try fieldError(Pair.self, "[1]", path: "pair"))
        #expect(error == JSONFieldError(path: "pair[1]", reason: "required element is missing"))
    }

    @Test func reportsAnInvalidEnumValueAtItsField() throws {
        let error = try #require(try fieldError([Objective].self, #"[{"goal": "minimize"}, {"goal": "up"}]"#, path: "objectives"))
        #expect(error.path == "objectives[1].goal")
        #expect(error.reason.contains("up"))
    }
}

@Suite("Decoder errors from user code")
struct DecoderUserErrorTests {
    private struct Range: Decodable {
        var low: Double
        var high: Double
        enum CodingKeys: String, CodingKey { case low, high }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            low = try container.decode(Double.self, forKey: .low)
            high = try container.decode(Double.self, forKey: .high)
            guard low < high else {
                throw DecodingError.dataCorruptedError(forKey: .high, in: container, debugDescription: "high must exceed low")
            }
        }
    }

    private struct Positive: Decodable {
        var value: Int
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            value = try container.decode(Int.self)
            guard value > 0 else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be positive") }
        }
    }

    private struct Increasing: Decodable {
        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            var previous = Int.min
            while !container.isAtEnd {
                let next = try container.decode(Int.self)
                guard next > previous else {
                    throw DecodingError.dataCorruptedError(in: container, debugDescription: "values must increase")
                }
                previous = next
            }
        }
    }

    private struct Custom: Error, CustomStringConvertible {
        var description: String { "not allowed here" }
    }

    private struct Forbidden: Decodable {
        init(from decoder: any Decoder) throws { throw Custom() }
    }

    @Test func convertsDataCorruptedForAKey() throws {
        let error = try #require(try fieldError([Range].self, #"[{"low": 2, "high": 1}]"#, path: "ranges"))
        #expect(error == JSONFieldError(path: "ranges[0].high", reason: "high must exceed low"))
    }

    @Test func convertsDataCorruptedForASingleValue() throws {
        let error = try #require(try fieldError([String: Positive].self, #"{"count": -3}"#, path: "params"))
        #expect(error == JSONFieldError(path: "params.count", reason: "must be positive"))
    }

    @Test func convertsDataCorruptedInAnArrayAtTheCurrentPosition() throws {
        let error = try #require(try fieldError(Increasing.self, "[1, 5, 4]", path: "steps"))
        #expect(error.path == "steps[3]")
        #expect(error.reason == "values must increase")
    }

    @Test func locatesOtherErrorsAtTheValueBeingDecoded() throws {
        let error = try #require(try fieldError([String: [Forbidden]].self, #"{"a": [{}]}"#, path: "p"))
        #expect(error == JSONFieldError(path: "p.a[0]", reason: "not allowed here"))
    }

    @Test func convertsHandMadeDecodingErrors() {
        let key = JSONMemberKey(stringValue: "x")
        let missing = DecodingError.keyNotFound(key, .init(codingPath: [JSONMemberKey(stringValue: "a"), JSONIndexKey(2)], debugDescription: ""))
        #expect(JSONFieldError(missing, under: "params") == JSONFieldError(path: "params.a[2].x", reason: "required field is missing"))
        let mismatch = DecodingError.typeMismatch(Int.self, .init(codingPath: [key], debugDescription: ""))
        #expect(JSONFieldError(mismatch, under: "") == JSONFieldError(path: "x", reason: "expected Int"))
    }
}
