import AutoMLJSON
import AutoMLNumerics
import Testing
@testable import AutoMLSpace

@Suite struct ConfigValidationTests {
    private func rejection(_ space: SearchSpace, _ config: JSON) -> JSONFieldError? {
        do {
            _ = try space.validate(config, path: "params.config")
            return nil
        } catch { return error }
    }

    @Test func sampledConfigsAreAlreadyCanonical() throws {
        for space in [try SpaceFixtures.mixed(), try SpaceFixtures.conditional()] {
            var rng = SeededGenerator(seed: 20)
            for _ in 0..<200 {
                let config = space.sample(using: &rng)
                #expect(try space.validate(.object(config), path: "config") == config)
            }
        }
    }

    @Test func valuesComeBackInCanonicalFormAndOrder() throws {
        let space = try SpaceFixtures.mixed()
        let given: JSON = [
            "width": 64.0, "activation": 3.0, "batch": 32, "units": 8.0, "layers": 1, "momentum": 0.30000000000000004,
            "dropout": 0, "lr": 0.01,
        ]
        let config = try space.validate(given, path: "config")
        #expect(config.keys == ["lr", "dropout", "momentum", "layers", "units", "batch", "activation", "width"])
        #expect(config["dropout"] == .double(0))
        #expect(config["momentum"] == .double(0.3))
        #expect(config["units"] == .int(8))
        #expect(config["activation"] == .int(3), "the choice's own JSON")
        #expect(config["width"] == .int(64))
        #expect(config["lr"] == .double(0.01))
    }

    @Test func conditionalConfigsNeedExactlyTheActiveParameters() throws {
        let space = try SpaceFixtures.conditional()
        let good: JSON = ["optimizer": "sgd", "momentum": 0.9, "nesterov": false, "dampening": 0.1, "layers": 2]
        #expect(try space.validate(good, path: "c").count == 5)
        #expect(rejection(space, ["optimizer": "sgd", "nesterov": true, "layers": 2])
            == JSONFieldError(path: "params.config.momentum", reason: #"missing; it is required when optimizer is one of ["sgd", "rmsprop"]"#))
        #expect(rejection(space, ["optimizer": "adam", "beta1": 0.9, "momentum": 0.5, "layers": 2])
            == JSONFieldError(
                path: "params.config.momentum",
                reason: #"not allowed: the parameter is inactive, it applies only when optimizer is one of ["sgd", "rmsprop"]"#))
        // dampening's parent is present but inactive.
        #expect(rejection(space, ["optimizer": "rmsprop", "momentum": 0.1, "nesterov": false, "layers": 1])?.path
            == "params.config.nesterov")
        #expect(rejection(space, ["optimizer": "sgd", "momentum": 0.1, "nesterov": false, "layers": 1])?.path
            == "params.config.dampening")
    }

    @Test func unknownAndMissingParametersAreNamed() throws {
        let space = try SpaceFixtures.conditional()
        let unknown = try #require(rejection(space, ["optimizer": "adam", "beta1": 0.9, "layers": 2, "lr": 0.1]))
        #expect(unknown.path == "params.config.lr")
        #expect(unknown.reason.hasPrefix("unknown parameter; the space declares optimizer, momentum"))
        #expect(rejection(space, ["optimizer": "adam", "beta1": 0.9]) == JSONFieldError(path: "params.config.layers", reason: "missing"))
        #expect(rejection(space, ["optimizer", "adam"])
            == JSONFieldError(path: "params.config", reason: "expected an object mapping parameter names to values, got an array"))
    }

    @Test func badValuesAreRejectedWithTheBounds() throws {
        let space = try SpaceFixtures.mixed()
        let base: [String: JSON] = [
            "lr": 0.01, "dropout": 0.1, "momentum": 0.5, "layers": 2, "units": 16, "batch": 32, "activation": "relu", "width": 32,
        ]
        func rejected(_ name: String, _ value: JSON) -> JSONFieldError? {
            var config = base
            config[name] = value
            return rejection(space, .object(JSONObject(config.map { ($0.key, $0.value) })))
        }
        let cases: [(String, JSON, String)] = [
            ("lr", 2.0, "2.0 is out of bounds [1e-05, 0.1]"),
            ("lr", "0.1", "expected a number, got a string"),
            ("dropout", -0.1, "-0.1 is out of bounds [0.0, 0.5]"),
            ("momentum", 0.95, "0.95 is out of bounds [0.1, 0.9]"),
            ("momentum", 0.25, "0.25 is not on the grid low + k * step (low 0.1, step 0.1)"),
            ("layers", 2.5, "expected an integer, got 2.5"),
            ("layers", 7, "7 is out of bounds [1, 6]"),
            ("layers", true, "expected an integer, got a boolean"),
            ("units", 2000, "2000 is out of bounds [8, 1024]"),
            ("batch", 40, "40 is not on the grid low + k * step (low 16, step 16)"),
            ("activation", "gelu", #""gelu" is not one of the choices ["relu", "tanh", 3, 2.5, true, null]"#),
            ("activation", ["relu"], #"an array is not one of the choices ["relu", "tanh", 3, 2.5, true, null]"#),
            ("width", 48, "48 is not one of the choices [32, 64, 128]"),
        ]
        for (name, value, reason) in cases {
            #expect(rejected(name, value) == JSONFieldError(path: "params.config.\(name)", reason: reason))
        }
    }

    @Test func canonicalValueMatchesValidation() throws {
        let space = try SpaceFixtures.mixed()
        #expect(space.parameters[3].canonicalValue(of: 3.0) == .int(3))
        #expect(space.parameters[3].canonicalValue(of: 3.5) == nil)
        #expect(space.parameters[6].canonicalValue(of: 2.5) == .double(2.5))
        #expect(space.parameters[6].canonicalValue(of: .null) == .null)
        #expect(space.parameters[6].canonicalValue(of: false) == nil)
    }
}
