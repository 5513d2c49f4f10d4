import AutoMLJSON
import AutoMLSpace

/// Spaces and helpers shared by the AutoMLSpace tests.
enum SpaceFixtures {
    /// One parameter of every kind and option, no conditions.
    static let mixedJSON: JSON = [
        "params": [
            ["name": "lr", "type": "float", "low": 1e-5, "high": 0.1, "log": true],
            ["name": "dropout", "type": "float", "low": 0, "high": 0.5],
            ["name": "momentum", "type": "float", "low": 0.1, "high": 0.9, "step": 0.1],
            ["name": "layers", "type": "int", "low": 1, "high": 6],
            ["name": "units", "type": "int", "low": 8, "high": 1024, "log": true],
            ["name": "batch", "type": "int", "low": 16, "high": 256, "step": 16],
            ["name": "activation", "type": "categorical", "choices": ["relu", "tanh", 3, 2.5, true, .null]],
            ["name": "width", "type": "ordinal", "values": [32, 64, 128]],
        ]
    ]

    /// Conditions, nested: `dampening` depends on `nesterov`, which depends on `optimizer`;
    /// `dropout2` depends on an int parent.
    static let conditionalJSON: JSON = [
        "params": [
            ["name": "optimizer", "type": "categorical", "choices": ["sgd", "adam", "rmsprop"]],
            ["name": "momentum", "type": "float", "low": 0, "high": 0.99, "when": ["optimizer": ["sgd", "rmsprop"]]],
            ["name": "nesterov", "type": "categorical", "choices": [true, false], "when": ["optimizer": ["sgd"]]],
            ["name": "dampening", "type": "float", "low": 0, "high": 0.5, "when": ["nesterov": [false]]],
            ["name": "beta1", "type": "float", "low": 0.8, "high": 0.999, "when": ["optimizer": ["adam"]]],
            ["name": "layers", "type": "int", "low": 1, "high": 4],
            ["name": "dropout2", "type": "float", "low": 0, "high": 0.5, "when": ["layers": [3, 4.0]]],
        ]
    ]

    static func mixed() throws -> SearchSpace { try SearchSpace(json: mixedJSON, path: "space") }
    static func conditional() throws -> SearchSpace { try SearchSpace(json: conditionalJSON, path: "space") }

    /// A space of the given parameter objects.
    static func space(_ params: JSON...) throws -> SearchSpace {
        try SearchSpace(json: ["params": .array(params)], path: "params.space")
    }

    /// The error a space document raises, if any.
    static func defect(_ json: JSON, path: String = "params.space") -> JSONFieldError? {
        do {
            _ = try SearchSpace(json: json, path: path)
            return nil
        } catch {
            return error
        }
    }

    /// A config literal as a `JSONObject`.
    static func config(_ json: JSON) -> JSONObject {
        json.objectValue ?? JSONObject()
    }
}
