import AutoMLJSON

/// One hyper-parameter of a search space: a name, the values it can take, and when it applies.
///
/// ```swift
/// let lr = Parameter(name: "lr", kind: .float(low: 1e-5, high: 1e-1, log: true, step: nil))
/// let momentum = Parameter(
///     name: "momentum", kind: .float(low: 0, high: 0.99, log: false, step: nil),
///     condition: Parameter.Condition(parent: "optimizer", values: ["sgd"]))
/// ```
///
/// A `Parameter` on its own is not checked; `SearchSpace.init(parameters:)` validates it.
public struct Parameter: Sendable, Hashable {
    /// The key of this parameter in a config.
    public var name: String
    /// The values it can take.
    public var kind: Kind
    /// When present, the parameter is active only while its parent is active and takes one of
    /// the listed values; an inactive parameter is absent from a config.
    public var condition: Condition?

    public init(name: String, kind: Kind, condition: Condition? = nil) {
        self.name = name
        self.kind = kind
        self.condition = condition
    }

    /// The domain of a parameter.
    public enum Kind: Sendable, Hashable {
        /// A real in `[low, high]`; `log` samples uniformly in log space (needs `low > 0`);
        /// `step` restricts it to the grid `low + k * step`. `log` and `step` exclude each other.
        case float(low: Double, high: Double, log: Bool, step: Double?)
        /// An integer in `[low, high]`; `log` samples log-uniformly (needs `low >= 1`); `step`
        /// restricts it to `low + k * step` (not with `log`). Bounds lie within ±2^53.
        case int(low: Int64, high: Int64, log: Bool, step: Int64?)
        /// One of unordered JSON scalars (strings, numbers, booleans, null).
        case categorical([JSON])
        /// One of JSON scalars whose order is meaningful (`[16, 32, 64]`, `["s", "m", "l"]`).
        case ordinal([JSON])
    }

    /// "Active only when `parent` takes one of `values`."
    public struct Condition: Sendable, Hashable {
        /// The name of an earlier parameter of the same space.
        public var parent: String
        /// The parent values that activate the parameter.
        public var values: [JSON]

        public init(parent: String, values: [JSON]) {
            self.parent = parent
            self.values = values
        }
    }
}

extension Parameter.Kind {
    /// The wire name of the kind: `float`, `int`, `categorical` or `ordinal`.
    public var typeName: String {
        switch self {
        case .float: return "float"
        case .int: return "int"
        case .categorical: return "categorical"
        case .ordinal: return "ordinal"
        }
    }

    /// The choices of a categorical or ordinal parameter; nil for numeric ones.
    public var choices: [JSON]? {
        switch self {
        case .categorical(let choices), .ordinal(let choices): return choices
        case .float, .int: return nil
        }
    }
}
