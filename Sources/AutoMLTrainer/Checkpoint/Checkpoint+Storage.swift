import AutoMLJSON
import Foundation

extension Checkpoint {
    static let manifestName = "checkpoint.json"
    static let tensorsName = "tensors.bin"
    static let format = "automl-trainer-checkpoint"

    /// Whether `directory` holds a checkpoint.
    public static func exists(at directory: String) -> Bool {
        FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(manifestName))
    }

    /// Writes the checkpoint into `directory` (created if needed). Each file is replaced
    /// atomically; the manifest, written last, names the tensor file's size and checksum, so
    /// a crash between the two writes is detected on load.
    public func save(to directory: String) throws(CheckpointError) {
        var tensors = TensorArchive()
        for entry in parameters.entries { tensors.add("parameter/\(entry.name)", entry.value) }
        for (name, value) in parameters.statistics {
            tensors.add("statistics/\(name)/mean", value.mean)
            tensors.add("statistics/\(name)/variance", value.variance)
        }
        for key in optimizer.slots.keys.sorted() { tensors.add("optimizer/\(key)", optimizer.slots[key] ?? Tensor(zeros: [0])) }
        var manifest: JSONObject = [
            "format": .string(Self.format), "version": 1,
            "epochsCompleted": .int(Int64(epochsCompleted)), "steps": .int(Int64(steps)),
            "optimizer": ["kind": .string(optimizer.kind), "steps": .int(Int64(optimizer.steps))],
            "history": .array(history.map(\.json)),
        ]
        if let early = earlyStopping {
            for entry in early.bestParameters.entries { tensors.add("best/parameter/\(entry.name)", entry.value) }
            for (name, value) in early.bestParameters.statistics {
                tensors.add("best/statistics/\(name)/mean", value.mean)
                tensors.add("best/statistics/\(name)/variance", value.variance)
            }
            manifest["earlyStopping"] = [
                "bestLoss": .double(early.bestLoss), "bestEpoch": .int(Int64(early.bestEpoch)),
                "epochsWithoutImprovement": .int(Int64(early.epochsWithoutImprovement)),
            ]
        }
        manifest["tensors"] = tensors.manifest
        manifest["bytes"] = .int(Int64(tensors.data.count))
        manifest["checksum"] = .string(String(TensorArchive.checksum(tensors.data), radix: 16))
        let url = URL(fileURLWithPath: directory)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try tensors.data.write(to: url.appendingPathComponent(Self.tensorsName), options: .atomic)
            try Data(JSON.object(manifest).prettyPrinted().utf8).write(to: url.appendingPathComponent(Self.manifestName), options: .atomic)
        } catch {
            throw CheckpointError("cannot write a checkpoint to \(directory): \(error.localizedDescription)")
        }
    }

    /// Reads the checkpoint in `directory`.
    public static func load(from directory: String) throws(CheckpointError) -> Checkpoint {
        let url = URL(fileURLWithPath: directory)
        let manifestData: Data, tensorData: Data
        do {
            manifestData = try Data(contentsOf: url.appendingPathComponent(manifestName))
            tensorData = try Data(contentsOf: url.appendingPathComponent(tensorsName))
        } catch {
            throw CheckpointError("no readable checkpoint in \(directory): \(error.localizedDescription)")
        }
        let manifest: JSON
        do { manifest = try JSON.parse(Array(manifestData)) } catch { throw CheckpointError("\(directory)/\(manifestName): \(error)") }
        return try CheckpointReader(manifest: manifest, data: tensorData, directory: directory).checkpoint()
    }
}
