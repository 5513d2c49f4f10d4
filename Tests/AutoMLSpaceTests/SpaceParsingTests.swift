import AutoMLJSON
import Testing
@testable import AutoMLSpace

@Suite struct SpaceParsingTests {
    @Test func readsEveryKindInDeclarationOrder() throws {
        let space = try SpaceFixtures.mixed()
        #expect(space.parameters.map(\.name) == ["lr", "dropout", "momentum", "layers", "units", "batch", "activation", "width"])
        #expect(space.dimension == 8)
        #expect(space.parameters[0].kind == .float(low: 1e-5, high: 0.1, log: true, step: nil))
        #expect(space.parameters[1].kind == .float(low: 0, high: 0.5, log: false, step: nil))
        #expect(space.parameters[2].kind == .float(low: 0.1, high: 0.9, log: false, step: 0.1))
        #expect(space.parameters[3].kind == .int(low: 1, high: 6, log: false, step: nil))
        #expect(space.parameters[4].kind == .int(low: 8, high: 1024, log: true, step: nil))
        #expect(space.parameters[5].kind == .int(low: 16, high: 256, log: false, step: 16))
        #expect(space.parameters[6].kind == .categorical(["relu", "tanh", 3, 2.5, true, .null]))
        #expect(space.parameters[7].kind == .ordinal([32, 64, 128]))
        #expect(space.parameters.allSatisfy { $0.condition == nil })
        #expect(!space.isConditional)
    }

    @Test func readsConditions() throws {
        let space = try SpaceFixtures.conditional()
        #expect(space.isConditional)
        #expect(space.parameter(named: "momentum")?.condition == Parameter.Condition(parent: "optimizer", values: ["sgd", "rmsprop"]))
        #expect(space.parameter(named: "dampening")?.condition == Parameter.Condition(parent: "nesterov", values: [false]))
        #expect(space.index(of: "beta1") == 4)
        #expect(space.parameter(named: "nope") == nil)
    }

    @Test func conditionValuesBecomeTheParentsCanonicalValues() throws {
        // 4.0 for an int parent reads as 4; 3.0 for the categorical choice 3 reads as 3.
        let space = try SpaceFixtures.space(
            ["name": "layers", "type": "int", "low": 1, "high": 4],
            ["name": "a", "type": "float", "low": 0, "high": 1, "when": ["layers": [4.0]]],
            ["name": "kind", "type": "categorical", "choices": [3, "x"]],
            ["name": "b", "type": "float", "low": 0, "high": 1, "when": ["kind": [3.0]]])
        #expect(space.parameters[1].condition?.values == [.int(4)])
        #expect(space.parameters[3].condition?.values == [.int(3)])
    }

    @Test func integralRealsAreAcceptedAsIntBoundsAndUnitStepIsDropped() throws {
        let space = try SpaceFixtures.space(["name": "n", "type": "int", "low": 2.0, "high": 10, "step": 1])
        #expect(space.parameters[0].kind == .int(low: 2, high: 10, log: false, step: nil))
        let logUnit = try SpaceFixtures.space(["name": "n", "type": "int", "low": 1, "high": 10, "log": true, "step": 1])
        #expect(logUnit.parameters[0].kind == .int(low: 1, high: 10, log: true, step: nil))
    }

    @Test func nullOptionalMembersReadAsAbsent() throws {
        let space = try SpaceFixtures.space(
            ["name": "x", "type": "float", "low": 0, "high": 1, "log": .null, "step": .null, "when": .null])
        #expect(space.parameters[0] == Parameter(name: "x", kind: .float(low: 0, high: 1, log: false, step: nil)))
    }

    @Test func canonicalFormReadsBackAsTheSameSpace() throws {
        for space in [try SpaceFixtures.mixed(), try SpaceFixtures.conditional()] {
            let again = try SearchSpace(json: space.json, path: "")
            #expect(again == space)
            #expect(again.json == space.json)
        }
    }

    @Test func canonicalFormSpellsTheWireMembers() throws {
        let space = try SpaceFixtures.space(
            ["name": "opt", "type": "categorical", "choices": ["a", "b"]],
            ["name": "lr", "type": "float", "low": 1, "high": 2, "log": false, "when": ["opt": ["a"]]],
            ["name": "n", "type": "int", "low": 0, "high": 10, "step": 2],
            ["name": "w", "type": "ordinal", "values": [1, 2]])
        let expected: JSON = [
            "params": [
                ["name": "opt", "type": "categorical", "choices": ["a", "b"]],
                ["name": "lr", "type": "float", "low": 1.0, "high": 2.0, "when": ["opt": ["a"]]],
                ["name": "n", "type": "int", "low": 0, "high": 10, "step": 2],
                ["name": "w", "type": "ordinal", "values": [1, 2]],
            ]
        ]
        #expect(space.json == expected)
        #expect(space.json["params"]?[1]?.objectValue?.keys == ["name", "type", "low", "high", "when"])
    }

    @Test func swiftInitializerValidatesWithRelativePaths() throws {
        let good = try SearchSpace(parameters: [
            Parameter(name: "opt", kind: .categorical(["sgd", "adam"])),
            Parameter(name: "m", kind: .float(low: 0, high: 1, log: false, step: nil),
                      condition: Parameter.Condition(parent: "opt", values: ["sgd"])),
        ])
        #expect(good.parameters.count == 2)
        #expect(throws: JSONFieldError(path: "params[1].low", reason: "low (1.0) must be less than high (0.0)")) {
            try SearchSpace(parameters: [
                Parameter(name: "a", kind: .int(low: 0, high: 3, log: false, step: nil)),
                Parameter(name: "b", kind: .float(low: 1, high: 0, log: false, step: nil)),
            ])
        }
    }

    @Test func spacesWithTheSameParametersAreEqual() throws {
        let a = try SpaceFixtures.space(["name": "x", "type": "int", "low": 0, "high": 3])
        let b = try SpaceFixtures.space(["name": "x", "type": "int", "low": 0.0, "high": 3.0, "step": 1])
        let c = try SpaceFixtures.space(["name": "x", "type": "int", "low": 0, "high": 4])
        #expect(a == b)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
    }
}
