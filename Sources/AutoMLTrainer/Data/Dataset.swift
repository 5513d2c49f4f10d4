/// Labeled rows for classification: a `[rows, features]` matrix and one class index per row.
public struct Dataset: Sendable, Equatable {
    /// `[rows, features]`, row-major.
    public var features: Tensor
    /// Class indices in `0..<classCount`, one per row.
    public var labels: [Int]
    public var classCount: Int

    /// Rows and labels must agree in number, and labels must lie in `0..<classCount`.
    public init?(features: Tensor, labels: [Int], classCount: Int) {
        guard features.rank == 2, features.shape[0] == labels.count,
              labels.allSatisfy({ $0 >= 0 && $0 < classCount }) else { return nil }
        self.features = features
        self.labels = labels
        self.classCount = classCount
    }

    /// For rows the caller has already checked.
    init(checkedFeatures features: Tensor, labels: [Int], classCount: Int) {
        self.features = features
        self.labels = labels
        self.classCount = classCount
    }

    public var rows: Int { labels.count }
    public var featureCount: Int { features.shape[1] }

    /// The rows at `indices`, in that order.
    public func subset(_ indices: some Collection<Int>) -> Dataset {
        var copy = self
        copy.features = gather(indices)
        copy.labels = indices.map { labels[$0] }
        return copy
    }

    /// The feature rows at `indices` as a `[indices.count, features]` tensor.
    public func gather(_ indices: some Collection<Int>) -> Tensor {
        let width = featureCount
        return features.withPointer { source in
            Tensor(shape: [indices.count, width]) { out in
                for (k, row) in indices.enumerated() { (out + k * width).update(from: source + row * width, count: width) }
            }
        }
    }
}
