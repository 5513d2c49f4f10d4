import AutoMLEngine
import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies
import Foundation

/// Spaces, temporary data directories and loops shared by the engine's tests.
enum EngineFixtures {
    /// A conditional space with every parameter type.
    static let mixedSpaceJSON: JSON = [
        "params": [
            ["name": "lr", "type": "float", "low": 1e-5, "high": 1.0, "log": true],
            ["name": "layers", "type": "int", "low": 1, "high": 4],
            ["name": "optimizer", "type": "categorical", "choices": ["sgd", "adam"]],
            ["name": "momentum", "type": "float", "low": 0.0, "high": 0.99, "when": ["optimizer": ["sgd"]]],
            ["name": "size", "type": "ordinal", "values": [16, 32, 64]],
        ]
    ]

    static func mixedSpace() throws -> SearchSpace {
        try SearchSpace(json: mixedSpaceJSON, path: "space")
    }

    /// A fresh, empty directory that the caller removes.
    static func temporaryDirectory() -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("automl-tests-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A deterministic stand-in for an evaluator.
    static func objective(_ config: JSONObject) -> Double {
        let lr = config["lr"]?.doubleValue ?? 0
        let layers = config["layers"]?.doubleValue ?? 0
        return (log10(lr) + 2) * (log10(lr) + 2) + layers
    }

    /// Runs `n` ask/tell rounds and returns the configs handed out.
    static func run(_ session: Session, rounds: Int) async throws -> [JSONObject] {
        var configs: [JSONObject] = []
        for _ in 0..<rounds {
            let reply = try await session.ask(count: 1, clientId: nil)
            for trial in reply.trials {
                configs.append(trial.config)
                _ = try await session.tell(trialId: trial.id, state: .complete, values: [objective(trial.config)], budget: nil, cost: nil)
            }
        }
        return configs
    }
}
