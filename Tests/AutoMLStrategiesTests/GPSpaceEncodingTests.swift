import AutoMLJSON
import AutoMLSpace
@testable import AutoMLStrategies
import Testing

/// How configs become GP points and back.
@Suite struct GPSpaceEncodingTests {
    static let space: JSON = [
        "params": [
            ["name": "kind", "type": "categorical", "choices": ["a", "b", "c"]],
            ["name": "n", "type": "int", "low": 0, "high": 3],
            ["name": "units", "type": "int", "low": 1, "high": 1000, "log": true],
            ["name": "x", "type": "float", "low": 0.0, "high": 10.0, "when": ["kind": ["b"]]],
            ["name": "sub", "type": "categorical", "choices": [true, false], "when": ["kind": ["c"]]],
        ]
    ]

    static func encoding() throws -> GPSpaceEncoding {
        GPSpaceEncoding(space: try SearchSpace(json: space, path: "space"))
    }

    @Test func categoricalsBecomeIndicesAndInactiveCoordinatesTheirFiller() throws {
        let e = try Self.encoding()
        let z = e.point(for: ["kind": "b", "n": 2, "units": 10, "x": 2.5])
        #expect(z[0] == 1)
        #expect(abs(z[1] - 2.5 / 4) < 1e-15)
        #expect(abs(z[3] - 0.25) < 1e-15)
        // `sub` is inactive: a categorical's "absent" level is -1.
        #expect(z[4] == -1)
        let w = e.point(for: ["kind": "a", "n": 0, "units": 1])
        #expect(w[3] == SearchSpace.inactiveFiller)
        #expect(w[4] == -1)
    }

    @Test func canonicalSnapsToDecodableValuesAndIsIdempotent() throws {
        let e = try Self.encoding()
        let raw: [Double] = [2.2, 0.49, 0.37, 0.9, 0.3]
        let z = e.canonical(raw)
        #expect(e.canonical(z) == z)
        #expect(e.point(for: e.config(z)) == z)
        #expect(e.config(z)["kind"] == "c")
        #expect(e.config(z)["x"] == nil)
        // Relaxed coordinates move, categorical ones are searched by value.
        #expect(e.relaxed == [2, 3])
        #expect(e.choices[0] == [0, 1, 2])
        #expect(e.choices[1]?.count == 4)
        #expect(e.choices[2] == nil)
    }

    @Test func unitPointsOfNonConditionalSpacesSnapPerCoordinate() throws {
        let plain: JSON = [
            "params": [
                ["name": "c", "type": "categorical", "choices": [1, 2, 3, 4]],
                ["name": "q", "type": "float", "low": 0.0, "high": 1.0, "step": 0.5],
                ["name": "f", "type": "float", "low": -1.0, "high": 1.0],
            ]
        ]
        let e = GPSpaceEncoding(space: try SearchSpace(json: plain, path: "space"))
        let z = e.canonical(unit: [0.6, 0.7, 0.123])
        #expect(z == [2, 5.0 / 6.0, 0.123])
        #expect(e.config(z) == ["c": 3, "q": 1.0, "f": .double(-1 + 2 * 0.123)])
    }
}
