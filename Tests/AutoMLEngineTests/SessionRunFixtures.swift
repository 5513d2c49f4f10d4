import AutoMLEngine
import AutoMLJSON
import AutoMLSpace
import Foundation

/// A tiny classification file and sessions over trainer hyper-parameters, for `Session.run`.
enum SessionRunFixtures {
    /// 90 rows, 5 features, 3 classes: each class is a noisy blob around its own corner, so a
    /// small MLP learns it in a few epochs while an untrained one guesses.
    static func writeBlobsCSV(in directory: String) throws -> String {
        var lines = ["f0,f1,f2,f3,f4,label"]
        for row in 0..<90 {
            let label = row % 3
            let features = (0..<5).map { feature -> String in
                let noise = sin(Double(row * 7 + feature * 13)) * 0.8
                let center = feature == label ? 2.0 : (feature == 3 ? Double(label) - 1 : 0)
                return String(center + noise)
            }
            lines.append((features + [String(label)]).joined(separator: ","))
        }
        let path = directory + "/blobs.csv"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Learning rate and width of a one-layer MLP.
    static let spaceJSON: JSON = ["params": [
        ["name": "learningRate", "type": "float", "low": 1e-6, "high": 0.1, "log": true],
        ["name": "width", "type": "ordinal", "values": [4, 8]],
    ]]

    static func space(_ json: JSON = spaceJSON) throws -> SearchSpace {
        try SearchSpace(json: json, path: "space")
    }

    /// A trainer evaluator spec for the blobs file: `epochs` epochs of a one-layer MLP.
    static func evaluator(_ csv: String, epochs: Int = 2, extra: JSONObject = [:]) -> JSON {
        var object: JSONObject = ["kind": "trainer", "dataset": .string(csv),
                                  "config": ["epochs": .int(Int64(epochs)), "layers": 1, "width": 4, "batchSize": 16]]
        for (key, value) in extra { object[key] = value }
        return .object(object)
    }
}
