import CZlib
import Foundation

/// Reads a whole gzip-compressed (or plain) file, for the CSV data sets shipped with the trainer.
public enum GzipFile {
    public enum Failure: Error, CustomStringConvertible {
        case cannotOpen(String)
        case corrupt(String, message: String)

        public var description: String {
            switch self {
            case .cannotOpen(let path): return "cannot open \(path)"
            case .corrupt(let path, let message): return "\(path) is not valid gzip: \(message)"
            }
        }
    }

    /// The decompressed bytes of `path` (a file that is not gzip is returned as it is).
    public static func read(_ path: String) throws(Failure) -> [UInt8] {
        guard let file = gzopen(path, "rb") else { throw .cannotOpen(path) }
        defer { gzclose(file) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if count < 0 {
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
                throw .corrupt(path, message: message)
            }
            if count == 0 { break }
            output.append(contentsOf: chunk[0..<Int(count)])
        }
        return output
    }
}
