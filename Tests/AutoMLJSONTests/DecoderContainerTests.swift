import Testing
@testable import AutoMLJSON

@Suite("Decoder containers")
struct DecoderContainerTests {
    private let decoder = JSONValueDecoder()

    @Test func readsAbsentAndNullOptionalsAsNil() throws {
        struct Ask: Decodable {
            var sessionId: String
            var count: Int?
            var clientId: String?
        }
        let absent = try decoder.decode(Ask.self, from: ["sessionId": "s"])
        #expect(absent.count == nil && absent.clientId == nil)
        let null = try decoder.decode(Ask.self, from: ["sessionId": "s", "count": .null])
        #expect(null.count == nil)
        let present = try decoder.decode(Ask.self, from: ["sessionId": "s", "count": 4, "clientId": "w1"])
        #expect(present.count == 4 && present.clientId == "w1")
    }

    @Test func ignoresUnknownMembers() throws {
        struct Only: Decodable { var a: Int }
        #expect(try decoder.decode(Only.self, from: ["b": "x", "a": 1, "c": [1]]).a == 1)
    }

    @Test func passesJSONFieldsThroughUnchanged() throws {
        struct Create: Decodable {
            var options: JSON
            var config: JSONObject
            var extra: JSON?
        }
        let value = try JSON.parse(#"{"options": {"z": 1, "a": 1.0, "n": [2, 2.0]}, "config": {"y": 3, "b": "s"}}"#)
        let create = try decoder.decode(Create.self, from: value)
        #expect(create.options == ["z": .int(1), "a": .double(1.0), "n": [.int(2), .double(2.0)]])
        #expect(create.options.objectValue?.keys == ["z", "a", "n"])
        #expect(create.config.keys == ["y", "b"])
        #expect(create.config["y"] == .int(3))
        #expect(create.extra == nil)
    }

    @Test func decodesJSONItselfUnchanged() throws {
        let value = try JSON.parse(#"[1, 1.0, {"b": 1, "a": null}]"#)
        #expect(try decoder.decode(JSON.self, from: value) == value)
        #expect(try decoder.decode([JSON].self, from: value) == value.arrayValue)
        #expect(try decoder.decode(JSON?.self, from: .null) == nil)
    }

    @Test func refusesANonObjectForJSONObject() throws {
        struct Holder: Decodable { var config: JSONObject }
        let error = try #require(try fieldError(Holder.self, #"{"config": [1]}"#, path: "params"))
        #expect(error == JSONFieldError(path: "params.config", reason: "expected an object, found an array"))
    }

    @Test func decodesDictionariesAndNestedArrays() throws {
        let value: JSON = ["a": [[1, 2], []], "b": [[3]]]
        let decoded = try decoder.decode([String: [[Int]]].self, from: value)
        #expect(decoded == ["a": [[1, 2], []], "b": [[3]]])
    }

    @Test func listsKeysInObjectOrder() throws {
        struct Keys: Decodable {
            var keys: [String]
            init(from decoder: any Decoder) throws {
                keys = try decoder.container(keyedBy: JSONMemberKey.self).allKeys.map(\.stringValue)
            }
        }
        #expect(try decoder.decode(Keys.self, from: ["q": 1, "b": 2, "x": 3]).keys == ["q", "b", "x"])
    }

    @Test func readsNestedContainersAndNamesTheirFields() throws {
        struct Flat: Decodable {
            var low: Double
            var names: [String]
            enum Outer: String, CodingKey { case range, names }
            enum Inner: String, CodingKey { case low }
            init(from decoder: any Decoder) throws {
                let outer = try decoder.container(keyedBy: Outer.self)
                low = try outer.nestedContainer(keyedBy: Inner.self, forKey: .range).decode(Double.self, forKey: .low)
                var list = try outer.nestedUnkeyedContainer(forKey: .names)
                var names: [String] = []
                while !list.isAtEnd { names.append(try list.decode(String.self)) }
                self.names = names
            }
        }
        let flat = try decoder.decode(Flat.self, from: ["range": ["low": 0.5], "names": ["a", "b"]])
        #expect(flat.low == 0.5 && flat.names == ["a", "b"])
        let error = try #require(try fieldError(Flat.self, #"{"range": {"low": 0}, "names": ["a", 2]}"#, path: "p"))
        #expect(error.path == "p.names[1]")
    }

    @Test func readsSuperDecoders() throws {
        struct Base: Decodable { var id: Int }
        struct Derived: Decodable {
            var base: Base
            var fromKey: Base
            var missing: Base?
            enum Keys: String, CodingKey { case parent, other }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Keys.self)
                base = try Base(from: container.superDecoder())
                fromKey = try Base(from: container.superDecoder(forKey: .parent))
                missing = try? Base(from: container.superDecoder(forKey: .other))
            }
        }
        let derived = try decoder.decode(Derived.self, from: ["super": ["id": 1], "parent": ["id": 2]])
        #expect(derived.base.id == 1 && derived.fromKey.id == 2 && derived.missing == nil)
        let error = try #require(try fieldError(Derived.self, #"{"super": {"id": "x"}, "parent": {"id": 2}}"#))
        #expect(error.path == "super.id")
    }

    @Test func readsNullsInArraysOneAtATime() throws {
        #expect(try decoder.decode([Int?].self, from: [1, .null, 3]) == [1, nil, 3])
    }

    @Test func handsUserInfoToTypes() throws {
        struct Scaled: Decodable {
            var value: Double
            init(from decoder: any Decoder) throws {
                let factor = decoder.userInfo[CodingUserInfoKey(rawValue: "factor")!] as? Double ?? 1
                value = try decoder.singleValueContainer().decode(Double.self) * factor
            }
        }
        var scaling = JSONValueDecoder()
        scaling.userInfo[CodingUserInfoKey(rawValue: "factor")!] = 10.0
        #expect(try scaling.decode(Scaled.self, from: 2).value == 20)
    }

    @Test func checksOptionalMembersThatArePresent() throws {
        struct Inner: Decodable { var x: Int }
        struct Outer: Decodable { var inner: Inner? }
        #expect(try decoder.decode(Outer.self, from: ["inner": .null]).inner == nil)
        let error = try #require(try fieldError(Outer.self, #"{"inner": 3}"#, path: "p"))
        #expect(error == JSONFieldError(path: "p.inner", reason: "expected an object, found an integer"))
    }

    @Test func showsTypesTheirCodingPath() throws {
        struct Probe: Decodable {
            var path: [String]
            init(from decoder: any Decoder) throws { path = decoder.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue } }
        }
        struct Holder: Decodable { var items: [[String: Probe]] }
        let holder = try decoder.decode(Holder.self, from: ["items": [["a": .null], ["b": 1]]])
        #expect(holder.items[1]["b"]?.path == ["items", "1", "b"])
    }
}

