import Foundation

/// The small real data sets shipped with the trainer (see `Datasets/README.md` for their source
/// and licence): `digits` (8x8 handwritten digits) and `mnist1d` (MNIST-1D, train and test).
public enum BuiltinDatasets {
    /// The names `automl run --dataset` accepts.
    public static let names = ["digits", "mnist1d"]

    /// The path of a shipped file such as `digits.csv.gz`, or nil when it is not there.
    public static func path(of file: String) -> String? {
        let url = Bundle.module.url(forResource: "Datasets/" + file, withExtension: nil)
            ?? Bundle.module.resourceURL?.appendingPathComponent("Datasets").appendingPathComponent(file)
        guard let url, FileManager.default.fileExists(atPath: url.path) else { return nil }
        return url.path
    }
}
