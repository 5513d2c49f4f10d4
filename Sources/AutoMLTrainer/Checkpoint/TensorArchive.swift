import AutoMLJSON
import Foundation

/// Named tensors packed into one byte buffer (little-endian Float32), with a JSON manifest of
/// `{key, shape, offset}` entries (offsets in elements).
struct TensorArchive {
    private(set) var data = Data()
    private var entries: [JSON] = []

    mutating func add(_ key: String, _ tensor: Tensor) {
        entries.append(["key": .string(key), "shape": .array(tensor.shape.map { .int(Int64($0)) }),
                        "offset": .int(Int64(data.count / 4))])
        tensor.scalars.withUnsafeBytes { data.append(contentsOf: $0) }
    }

    var manifest: JSON { .array(entries) }

    /// FNV-1a over the bytes: detects a tensor file that does not belong to its manifest.
    static func checksum(_ data: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01b3 }
        return hash
    }

    /// The tensors of an archive by key, checked against the data's size.
    static func read(manifest: JSON, data: Data) -> [String: Tensor]? {
        guard let list = manifest.arrayValue else { return nil }
        let floats = data.count / 4
        var result: [String: Tensor] = [:]
        for entry in list {
            guard let key = entry["key"]?.stringValue, let offset = entry["offset"]?.intValue.map(Int.init),
                  let shape = entry["shape"]?.arrayValue?.compactMap({ $0.intValue.map(Int.init) }),
                  shape.allSatisfy({ $0 >= 0 && $0 < 1 << 31 }) else { return nil }
            let count = Shape.count(shape)
            guard offset >= 0, offset <= floats, count <= floats - offset else { return nil }
            let scalars = data.withUnsafeBytes { raw in
                (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: (offset + $0) * 4, as: UInt32.self))) }
            }
            result[key] = Tensor(shape: shape, scalars: scalars)
        }
        return result
    }
}
