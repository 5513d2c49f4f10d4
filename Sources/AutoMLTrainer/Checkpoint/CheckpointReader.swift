import AutoMLJSON
import Foundation

/// Rebuilds a `Checkpoint` from its manifest and tensor bytes, checking both.
struct CheckpointReader {
    let manifest: JSON
    let data: Data
    let directory: String

    func checkpoint() throws(CheckpointError) -> Checkpoint {
        guard manifest["format"]?.stringValue == Checkpoint.format, manifest["version"]?.intValue == 1 else {
            throw fail("not a version-1 trainer checkpoint")
        }
        guard manifest["bytes"]?.intValue == Int64(data.count),
              manifest["checksum"]?.stringValue == String(TensorArchive.checksum(data), radix: 16) else {
            throw fail("the tensor file does not match the manifest (an interrupted save?)")
        }
        guard let tensors = TensorArchive.read(manifest: manifest["tensors"] ?? .null, data: data),
              let epochs = manifest["epochsCompleted"]?.intValue, let steps = manifest["steps"]?.intValue,
              let kind = manifest["optimizer"]?["kind"]?.stringValue, let optimizerSteps = manifest["optimizer"]?["steps"]?.intValue,
              let historyList = manifest["history"]?.arrayValue else {
            throw fail("the manifest is incomplete")
        }
        var history: [EpochMetrics] = []
        for item in historyList {
            guard let metrics = EpochMetrics(json: item) else { throw fail("a history entry is malformed") }
            history.append(metrics)
        }
        var slots: [String: Tensor] = [:]
        for (key, tensor) in tensors where key.hasPrefix("optimizer/") { slots[String(key.dropFirst("optimizer/".count))] = tensor }
        var early: EarlyStoppingState?
        if let state = manifest["earlyStopping"] {
            guard let loss = state["bestLoss"]?.doubleValue, let epoch = state["bestEpoch"]?.intValue,
                  let waited = state["epochsWithoutImprovement"]?.intValue else { throw fail("the early-stopping state is incomplete") }
            early = EarlyStoppingState(bestLoss: loss, bestEpoch: Int(epoch), epochsWithoutImprovement: Int(waited),
                                       bestParameters: Self.store(tensors, prefix: "best/"))
        }
        return Checkpoint(epochsCompleted: Int(epochs), steps: Int(steps), history: history,
                          parameters: Self.store(tensors, prefix: ""),
                          optimizer: OptimizerState(kind: kind, steps: Int(optimizerSteps), slots: slots), earlyStopping: early)
    }

    /// The saved parameters and statistics under `prefix`, as a store of loose entries that
    /// `Trainer` copies into a model by name.
    static func store(_ tensors: [String: Tensor], prefix: String) -> ParameterStore {
        var store = ParameterStore()
        for key in tensors.keys.sorted() where key.hasPrefix(prefix + "parameter/") {
            let name = String(key.dropFirst((prefix + "parameter/").count))
            if let tensor = tensors[key] { _ = try? store.declare(name, shape: tensor.shape, role: .weight, trainable: true) { tensor } }
        }
        for key in tensors.keys.sorted() where key.hasPrefix(prefix + "statistics/") && key.hasSuffix("/mean") {
            let name = String(key.dropFirst((prefix + "statistics/").count).dropLast("/mean".count))
            guard let mean = tensors[key], let variance = tensors[prefix + "statistics/\(name)/variance"],
                  let position = try? store.declareStatistics(name, channels: mean.count) else { continue }
            store.setStatistics(BatchNormStatistics(mean: mean, variance: variance), at: position)
        }
        return store
    }

    private func fail(_ reason: String) -> CheckpointError { CheckpointError("\(directory): \(reason)") }
}

extension EpochMetrics {
    /// Reads the form `json` writes (a diverged run's NaN losses were written as null).
    init?(json: JSON) {
        func number(_ key: String) -> Double? {
            guard let value = json[key] else { return nil }
            return value.isNull ? .nan : value.doubleValue
        }
        guard let epoch = json["epoch"]?.intValue, let trainLoss = number("trainLoss"), let trainAccuracy = number("trainAccuracy"),
              let rate = number("learningRate"), let seconds = number("seconds") else { return nil }
        self.init(epoch: Int(epoch), trainLoss: trainLoss, trainAccuracy: trainAccuracy,
                  validationLoss: number("validationLoss"), validationAccuracy: number("validationAccuracy"),
                  learningRate: rate, seconds: seconds)
    }
}
