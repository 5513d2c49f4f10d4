/// The named tensors of a model: trainable parameters and batch-norm running statistics.
///
/// Names are `<operation name>.<role>` (`layers.0.weight`, `cell.e1.alpha`); one name is one
/// tensor however many operations use it (weight sharing). Entries keep their creation order,
/// which is the order optimizers and checkpoints use.
public struct ParameterStore: Sendable, Equatable {
    /// What a parameter is for: initialization and regularization depend on it.
    public enum Role: String, Sendable, Codable {
        /// A linear or convolution weight: initialized by the configured scheme, regularized.
        case weight
        /// Additive terms (biases, batch-norm shifts): zero at start, not regularized.
        case bias
        /// Batch-norm scales: one at start, not regularized.
        case scale
        /// Architecture weights of mixed operations: not regularized, not counted as model size.
        case architecture
    }

    public struct Entry: Sendable, Equatable {
        public let name: String
        public var value: Tensor
        public let role: Role
        public var trainable: Bool
    }

    public private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]
    /// Running statistics of batch-norm operations, by operation name, in creation order.
    public private(set) var statistics: [(name: String, value: BatchNormStatistics)] = []
    private var statisticsIndex: [String: Int] = [:]

    public init() {}

    public var names: [String] { entries.map(\.name) }

    /// The number of scalars in weights, biases and scales (architecture weights excluded).
    public var parameterCount: Int {
        entries.filter { $0.role != .architecture }.reduce(0) { $0 + $1.value.count }
    }

    public func position(of name: String) -> Int? { index[name] }

    public subscript(name: String) -> Tensor? { index[name].map { entries[$0].value } }

    /// Replaces a parameter's value; the shape must stay the same.
    /// - Throws: `ParameterStoreError` for an unknown name or a different shape.
    public mutating func setValue(_ value: Tensor, named name: String) throws(ParameterStoreError) {
        guard let i = index[name] else { throw .unknown(name) }
        guard entries[i].value.shape == value.shape else { throw .shapeMismatch(name, expected: entries[i].value.shape, found: value.shape) }
        entries[i].value = value
    }

    /// Takes the value of every parameter (and batch-norm statistics) that `other` holds under
    /// the same name and shape; the rest keep theirs. Returns how many parameters were taken.
    @discardableResult
    public mutating func inherit(from other: ParameterStore) -> Int {
        var taken = 0
        for (i, entry) in entries.enumerated() {
            if let value = other[entry.name], value.shape == entry.value.shape {
                entries[i].value = value
                taken += 1
            }
        }
        for (i, entry) in statistics.enumerated() {
            if let k = other.statisticsIndex[entry.name], other.statistics[k].value.mean.shape == entry.value.mean.shape {
                statistics[i].value = other.statistics[k].value
            }
        }
        return taken
    }

    /// Updates the value at a position (optimizers); the shape is the caller's to keep.
    mutating func update(at position: Int, _ body: (inout Tensor) -> Void) {
        body(&entries[position].value)
    }

    /// The parameter named `name`, created with `make()` on first use. A later use must ask for
    /// the same shape and role; it is trainable when any use is.
    mutating func declare(_ name: String, shape: [Int], role: Role, trainable: Bool,
                          make: () -> Tensor) throws(ParameterStoreError) -> Int {
        if let i = index[name] {
            guard entries[i].value.shape == shape, entries[i].role == role else {
                throw .shapeMismatch(name, expected: entries[i].value.shape, found: shape)
            }
            entries[i].trainable = entries[i].trainable || trainable
            return i
        }
        entries.append(Entry(name: name, value: make(), role: role, trainable: trainable))
        index[name] = entries.count - 1
        return entries.count - 1
    }

    /// Batch-norm statistics named `name` for `channels` channels, created on first use.
    mutating func declareStatistics(_ name: String, channels: Int) throws(ParameterStoreError) -> Int {
        if let i = statisticsIndex[name] {
            guard statistics[i].value.mean.count == channels else {
                throw .shapeMismatch(name, expected: [statistics[i].value.mean.count], found: [channels])
            }
            return i
        }
        statistics.append((name, BatchNormStatistics(channels: channels)))
        statisticsIndex[name] = statistics.count - 1
        return statistics.count - 1
    }

    func statistics(at position: Int) -> BatchNormStatistics { statistics[position].value }

    mutating func setStatistics(_ value: BatchNormStatistics, at position: Int) {
        statistics[position].value = value
    }

    /// Replaces running statistics by name (checkpoint restore); the channel count must match.
    public mutating func setStatistics(_ value: BatchNormStatistics, named name: String) throws(ParameterStoreError) {
        guard let i = statisticsIndex[name] else { throw .unknown(name) }
        guard statistics[i].value.mean.shape == value.mean.shape, statistics[i].value.variance.shape == value.variance.shape else {
            throw .shapeMismatch(name, expected: statistics[i].value.mean.shape, found: value.mean.shape)
        }
        statistics[i].value = value
    }

    public static func == (a: ParameterStore, b: ParameterStore) -> Bool {
        a.entries == b.entries && a.statistics.map(\.name) == b.statistics.map(\.name)
            && a.statistics.map(\.value) == b.statistics.map(\.value)
    }
}

/// A parameter looked up or replaced with the wrong name or shape.
public enum ParameterStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown(String)
    case shapeMismatch(String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .unknown(let name): return "no parameter named \(name)"
        case .shapeMismatch(let name, let expected, let found):
            return "parameter \(name) has shape \(expected), not \(found) (operations sharing a name must agree)"
        }
    }
}
