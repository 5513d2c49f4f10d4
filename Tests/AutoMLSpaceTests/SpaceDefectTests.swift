import AutoMLJSON
import Testing
@testable import AutoMLSpace

/// One malformed space, where its defect is reported, and a phrase the reason must contain.
struct SpaceDefect: Sendable, CustomTestStringConvertible {
    var label: String
    var params: JSON
    var path: String
    var reason: String

    var testDescription: String { label }

    /// A space whose `params` array is `params`.
    init(_ label: String, _ params: [JSON], at path: String, _ reason: String) {
        self.label = label
        self.params = .array(params)
        self.path = path
        self.reason = reason
    }
}

private let p0 = "params.space.params[0]"
private let p1 = "params.space.params[1]"
private let opt: JSON = ["name": "opt", "type": "categorical", "choices": ["sgd", "adam"]]
private let layers: JSON = ["name": "layers", "type": "int", "low": 1, "high": 4]

@Suite struct SpaceDefectTests {
    static let parameterDefects: [SpaceDefect] = [
        SpaceDefect("parameter not an object", [3], at: p0, "expected a parameter object, got an integer"),
        SpaceDefect("missing type", [["name": "x", "low": 0, "high": 1]], at: "\(p0).type", "missing"),
        SpaceDefect("unknown type", [["name": "x", "type": "bool"]], at: "\(p0).type", #"unknown type "bool""#),
        SpaceDefect("type not a string", [["name": "x", "type": 1]], at: "\(p0).type", "expected a string, got an integer"),
        SpaceDefect("missing name", [["type": "float", "low": 0, "high": 1]], at: "\(p0).name", "missing"),
        SpaceDefect("name not a string", [["name": 7, "type": "float", "low": 0, "high": 1]], at: "\(p0).name", "expected a string"),
        SpaceDefect("empty name", [["name": "", "type": "float", "low": 0, "high": 1]], at: "\(p0).name", "must not be empty"),
        SpaceDefect(
            "duplicate name",
            [["name": "x", "type": "float", "low": 0, "high": 1], ["name": "x", "type": "int", "low": 0, "high": 1]],
            at: "\(p1).name", #"duplicate name "x": already declared at params.space.params[0]"#),
        SpaceDefect("misspelt member", [["name": "x", "type": "float", "low": 0, "hihg": 1]], at: "\(p0).hihg", "unknown member for a float parameter"),
        SpaceDefect("member of another type", [["name": "x", "type": "float", "low": 0, "high": 1, "choices": [1]]], at: "\(p0).choices", "unknown member"),
        SpaceDefect("missing low", [["name": "x", "type": "float", "high": 1]], at: "\(p0).low", "missing; expected a number"),
        SpaceDefect("missing high", [["name": "x", "type": "int", "low": 1]], at: "\(p0).high", "missing; expected an integer"),
        SpaceDefect("low not a number", [["name": "x", "type": "float", "low": "0", "high": 1]], at: "\(p0).low", "expected a number, got a string"),
        SpaceDefect("float low above high", [["name": "x", "type": "float", "low": 5, "high": 1]], at: "\(p0).low", "low (5.0) must be less than high (1.0)"),
        SpaceDefect("float low equals high", [["name": "x", "type": "float", "low": 1, "high": 1]], at: "\(p0).low", "must be less than high"),
        SpaceDefect("int low above high", [["name": "x", "type": "int", "low": 3, "high": 2]], at: "\(p0).low", "low (3) must be less than high (2)"),
        SpaceDefect("float log with zero low", [["name": "x", "type": "float", "low": 0, "high": 1, "log": true]], at: "\(p0).low", "must be positive when log is true"),
        SpaceDefect("float log with negative low", [["name": "x", "type": "float", "low": -1, "high": 1, "log": true]], at: "\(p0).low", "must be positive when log is true"),
        SpaceDefect("int log with zero low", [["name": "x", "type": "int", "low": 0, "high": 8, "log": true]], at: "\(p0).low", "must be positive when log is true (got 0)"),
        SpaceDefect("log not a boolean", [["name": "x", "type": "float", "low": 1, "high": 2, "log": "yes"]], at: "\(p0).log", "expected a boolean"),
        SpaceDefect("zero float step", [["name": "x", "type": "float", "low": 0, "high": 1, "step": 0]], at: "\(p0).step", "must be a positive number"),
        SpaceDefect("negative float step", [["name": "x", "type": "float", "low": 0, "high": 1, "step": -0.1]], at: "\(p0).step", "must be a positive number"),
        SpaceDefect("float step not dividing the range", [["name": "x", "type": "float", "low": 0, "high": 1, "step": 0.3]], at: "\(p0).step", "does not fit the range"),
        SpaceDefect("float step wider than the range", [["name": "x", "type": "float", "low": 0, "high": 1, "step": 2]], at: "\(p0).step", "does not fit the range"),
        SpaceDefect("float step too fine", [["name": "x", "type": "float", "low": 0, "high": 1, "step": 1e-17]], at: "\(p0).step", "more than 2^52"),
        SpaceDefect("float log with step", [["name": "x", "type": "float", "low": 1, "high": 2, "log": true, "step": 0.5]], at: "\(p0).step", "cannot be combined with log"),
        SpaceDefect("int log with step", [["name": "x", "type": "int", "low": 1, "high": 9, "log": true, "step": 2]], at: "\(p0).step", "cannot be combined with log"),
        SpaceDefect("fractional int low", [["name": "x", "type": "int", "low": 1.5, "high": 3]], at: "\(p0).low", "expected an integer, got 1.5"),
        SpaceDefect("fractional int high", [["name": "x", "type": "int", "low": 1, "high": 2.5]], at: "\(p0).high", "expected an integer, got 2.5"),
        SpaceDefect("int bound beyond 2^53 as a real", [["name": "x", "type": "int", "low": 1, "high": 1e20]], at: "\(p0).high", "within ±2^53"),
        SpaceDefect("int bound beyond 2^53", [["name": "x", "type": "int", "low": .int(-(1 << 53) - 1), "high": 1]], at: "\(p0).low", "within ±2^53"),
        SpaceDefect("fractional int step", [["name": "x", "type": "int", "low": 0, "high": 3, "step": 1.5]], at: "\(p0).step", "expected an integer"),
        SpaceDefect("zero int step", [["name": "x", "type": "int", "low": 0, "high": 3, "step": 0]], at: "\(p0).step", "must be a positive integer"),
        SpaceDefect("int step not dividing the range", [["name": "x", "type": "int", "low": 0, "high": 10, "step": 3]], at: "\(p0).step", "high - low = 10 is not a multiple of 3"),
        SpaceDefect("missing choices", [["name": "x", "type": "categorical"]], at: "\(p0).choices", "missing; expected an array"),
        SpaceDefect("choices not an array", [["name": "x", "type": "categorical", "choices": "a"]], at: "\(p0).choices", "expected an array"),
        SpaceDefect("empty choices", [["name": "x", "type": "categorical", "choices": []]], at: "\(p0).choices", "must list at least one value"),
        SpaceDefect("duplicate choices", [["name": "x", "type": "categorical", "choices": ["a", "b", "a"]]], at: "\(p0).choices[2]", "duplicate of params.space.params[0].choices[0]"),
        SpaceDefect("numerically equal choices", [["name": "x", "type": "categorical", "choices": [1, 1.0]]], at: "\(p0).choices[1]", "duplicate of"),
        SpaceDefect("array choice", [["name": "x", "type": "categorical", "choices": ["a", [1]]]], at: "\(p0).choices[1]", "expected a scalar"),
        SpaceDefect("object choice", [["name": "x", "type": "categorical", "choices": [["a": 1]]]], at: "\(p0).choices[0]", "got an object"),
        SpaceDefect("empty ordinal values", [["name": "x", "type": "ordinal", "values": []]], at: "\(p0).values", "must list at least one value"),
        SpaceDefect("duplicate ordinal values", [["name": "x", "type": "ordinal", "values": [1, 2, 2]]], at: "\(p0).values[2]", "duplicate of"),
    ]

    static let conditionDefects: [SpaceDefect] = [
        SpaceDefect("when not an object", [opt, ["name": "m", "type": "float", "low": 0, "high": 1, "when": ["opt"]]], at: "\(p1).when", "expected an object naming one parent"),
        SpaceDefect("when with two parents", [opt, layers, ["name": "m", "type": "float", "low": 0, "high": 1, "when": ["opt": ["sgd"], "layers": [1]]]], at: "params.space.params[2].when", "got 2 members"),
        SpaceDefect("when with no parent", [opt, ["name": "m", "type": "float", "low": 0, "high": 1, "when": [:]]], at: "\(p1).when", "got 0 members"),
        SpaceDefect("allowed values not an array", [opt, ["name": "m", "type": "float", "low": 0, "high": 1, "when": ["opt": "sgd"]]], at: "\(p1).when.opt", "expected an array of allowed values"),
        SpaceDefect("no allowed values", [opt, ["name": "m", "type": "float", "low": 0, "high": 1, "when": ["opt": []]]], at: "\(p1).when.opt", "must list at least one value"),
        SpaceDefect("unknown parent", [opt, ["name": "m", "type": "float", "low": 0, "high": 1, "when": ["nope": [1]]]], at: "\(p1).when.nope", #"unknown parameter "nope""#),
        SpaceDefect("parent declared later", [["name": "m", "type": "float", "low": 0, "high": 1, "when": ["opt": ["sgd"]]], opt], at: "\(p0).when.opt", "declared later, at params.space.params[1]"),
        SpaceDefect("parent is the parameter itself", [["name": "m", "type": "categorical", "choices": [1], "when": ["m": [1]]]], at: "\(p0).when.m", "cannot depend on itself"),
        SpaceDefect("value not among the parent's choices", [opt, ["name": "m", "type": "float", "low": 0, "high": 1, "when": ["opt": ["sgd", "adamw"]]]], at: "\(p1).when.opt[1]", #""adamw" is not one of the choices ["sgd", "adam"]"#),
        SpaceDefect("value outside an int parent's bounds", [layers, ["name": "m", "type": "float", "low": 0, "high": 1, "when": ["layers": [7]]]], at: "\(p1).when.layers[0]", "7 is out of bounds [1, 4]"),
        SpaceDefect("fractional value for an int parent", [layers, ["name": "m", "type": "float", "low": 0, "high": 1, "when": ["layers": [2.5]]]], at: "\(p1).when.layers[0]", "expected an integer"),
        SpaceDefect("value outside a float parent's bounds", [["name": "f", "type": "float", "low": 0, "high": 1], ["name": "m", "type": "int", "low": 0, "high": 1, "when": ["f": [0.5, 2]]]], at: "\(p1).when.f[1]", "out of bounds"),
        SpaceDefect("duplicate allowed value", [layers, ["name": "m", "type": "float", "low": 0, "high": 1, "when": ["layers": [2, 2.0]]]], at: "\(p1).when.layers[1]", "duplicate of"),
    ]

    @Test(arguments: parameterDefects + conditionDefects)
    func defectIsReportedAtItsPath(_ defect: SpaceDefect) throws {
        let error = try #require(SpaceFixtures.defect(["params": defect.params]))
        #expect(error.path == defect.path)
        #expect(error.reason.contains(defect.reason), "\(error.reason)")
    }

    @Test func spaceThatIsNotAnObjectIsRejectedAtItsOwnPath() throws {
        let error = try #require(SpaceFixtures.defect(.array([])))
        #expect(error == JSONFieldError(path: "params.space", reason: #"expected an object {"params": [...]}, got an array"#))
    }

    @Test func missingParamsArrayIsRejected() throws {
        let missing = try #require(SpaceFixtures.defect([:]))
        #expect(missing == JSONFieldError(path: "params.space.params", reason: "missing; expected an array of parameters"))
        let wrongType = try #require(SpaceFixtures.defect(["params": ["a": 1]]))
        #expect(wrongType == JSONFieldError(path: "params.space.params", reason: "expected an array of parameters, got an object"))
        #expect(SpaceFixtures.defect(["params": []]) == nil, "an empty space is valid: NAS sessions may search architectures only")
    }

    @Test func unknownSpaceMemberIsRejected() throws {
        let error = try #require(SpaceFixtures.defect(["params": [layers], "seed": 3]))
        #expect(error.path == "params.space.seed")
        #expect(error.reason.contains("unknown member for a search space"))
    }

    @Test func emptyBasePathGivesBarePaths() throws {
        let error = try #require(SpaceFixtures.defect(["params": [["name": "x", "type": "float", "low": 1, "high": 0]]], path: ""))
        #expect(error.path == "params[0].low")
    }

    @Test func nonFiniteBoundsFromSwiftAreRejected() {
        func error(_ kind: Parameter.Kind) -> JSONFieldError? {
            do {
                _ = try SearchSpace(parameters: [Parameter(name: "x", kind: kind)])
                return nil
            } catch { return error }
        }
        #expect(error(.float(low: .nan, high: 1, log: false, step: nil)) == JSONFieldError(path: "params[0].low", reason: "must be a finite number"))
        #expect(error(.float(low: 0, high: .infinity, log: false, step: nil)) == JSONFieldError(path: "params[0].high", reason: "must be a finite number"))
        #expect(error(.float(low: -1e308, high: 1e308, log: false, step: nil))?.path == "params[0].high")
        #expect(error(.float(low: 0, high: 1, log: false, step: .nan))?.path == "params[0].step")
        #expect(error(.categorical([1, .double(.infinity)])) == JSONFieldError(path: "params[0].choices[1]", reason: "must be a finite number"))
        #expect(error(.int(low: 0, high: Int64.max, log: false, step: nil))?.path == "params[0].high")
        #expect(error(.int(low: 0, high: 6, log: false, step: -2))?.path == "params[0].step")
    }

    @Test func emptySwiftSpaceIsAccepted() throws {
        #expect(try SearchSpace(parameters: []).parameters.isEmpty)
    }

    @Test func stepThatFitsWithinRoundingIsAccepted() throws {
        // (0.9 - 0.1) / 0.1 = 7.999999999999999 in binary floating point: still 8 steps.
        let space = try SpaceFixtures.space(["name": "x", "type": "float", "low": 0.1, "high": 0.9, "step": 0.1])
        #expect(space.parameters[0].cardinality == 9)
    }
}
