/// One operation of a model description: a layer, a composite of layers, or a cell.
///
/// Operations are what the JSON model description (`ModelDescription`) lists and what
/// architecture-search strategies emit. Parametric operations own parameters named
/// `<name>.<role>` (`<name>.weight`, `<name>.bias`, `<name>.scale`, `<name>.shift`); two
/// operations with the same `name` share their parameters, which is how weight sharing and
/// repeated cells are written. Shapes are per sample (no batch axis) and are inferred while
/// building, so a linear layer states only its output width.
public struct OperationSpec: Sendable, Equatable {
    public var operation: Operation
    /// The prefix of this operation's parameter names; nil derives one from its position.
    public var name: String?
    /// When true, the parameters this operation creates are not trained.
    public var frozen: Bool

    public init(_ operation: Operation, name: String? = nil, frozen: Bool = false) {
        self.operation = operation
        self.name = name
        self.frozen = frozen
    }
}

/// What an `OperationSpec` computes.
public indirect enum Operation: Sendable, Equatable {
    /// `[features]` → `[units]`: x·Wᵀ + b.
    case linear(units: Int, bias: Bool)
    /// 1-D (`[C, L]`) or 2-D (`[C, H, W]`) convolution.
    case convolution(Convolution)
    /// Batch normalization over the first (channel) axis.
    case batchNorm(momentum: Double, epsilon: Double, affine: Bool)
    case activation(Activation)
    /// Inverted dropout; a nil rate takes the training config's `dropout`.
    case dropout(rate: Double?)
    /// Max or average pooling over windows, 1-D or 2-D.
    case pooling(Pooling)
    /// Max or average over all positions: `[C, ...]` → `[C]`.
    case globalPooling(Variable.PoolingKind)
    /// `[d1, d2, ...]` → `[d1·d2·...]`.
    case flatten
    /// To the given per-sample shape (same element count).
    case reshape([Int])
    case identity
    /// Zeros of the input's shape: "no connection" in a cell.
    case zero
    /// The operations one after another.
    case sequence([OperationSpec])
    /// A weighted sum of candidate operations (DARTS) or a sampled path through them.
    case mixed(MixedOperation)
    /// A cell: a graph of nodes and edges whose `input` node is this operation's input.
    case graph(GraphSpec)
}

/// The elementwise activations and softmaxes.
public enum Activation: Sendable, Equatable {
    case relu, gelu, tanh, sigmoid, softmax, logSoftmax
    case leakyRelu(slope: Double)
    case elu(alpha: Double)
}

/// Padding of a convolution or pooling window.
public enum Padding: Sendable, Equatable {
    /// Enough zeros that the output length is ⌈input / stride⌉ (split evenly, the extra one
    /// after), as TensorFlow's "same".
    case same
    /// The given number of zeros on both sides of each spatial axis.
    case explicit([Int])
}

/// A convolution's settings; arrays hold one value per spatial axis (1 or 2).
public struct Convolution: Sendable, Equatable {
    public var rank: Int
    public var channels: Int
    public var kernel: [Int]
    public var stride: [Int]
    public var dilation: [Int]
    public var padding: Padding
    public var groups: Int
    public var bias: Bool

    public init(rank: Int, channels: Int, kernel: [Int], stride: [Int]? = nil, dilation: [Int]? = nil,
                padding: Padding = .explicit([]), groups: Int = 1, bias: Bool = true) {
        self.rank = rank
        self.channels = channels
        self.kernel = kernel
        self.stride = stride ?? Array(repeating: 1, count: rank)
        self.dilation = dilation ?? Array(repeating: 1, count: rank)
        self.padding = padding == .explicit([]) ? .explicit(Array(repeating: 0, count: rank)) : padding
        self.groups = groups
        self.bias = bias
    }
}

/// A pooling window's settings; arrays hold one value per spatial axis (1 or 2).
public struct Pooling: Sendable, Equatable {
    public var kind: Variable.PoolingKind
    public var rank: Int
    public var kernel: [Int]
    public var stride: [Int]
    public var padding: Padding

    public init(kind: Variable.PoolingKind, rank: Int, kernel: [Int], stride: [Int]? = nil, padding: Padding? = nil) {
        self.kind = kind
        self.rank = rank
        self.kernel = kernel
        self.stride = stride ?? kernel
        self.padding = padding ?? .explicit(Array(repeating: 0, count: rank))
    }
}

/// `Σ_i w_i · op_i(x)` over the active candidates, with `w = softmax(α)` restricted to them.
///
/// `α` is a parameter (so it is trained, receives gradients, and is shared by every mixed
/// operation naming the same `alpha`), unless fixed `weights` are given. `active` lists the
/// candidates that run (a sampled path, as in ProxylessNAS or ENAS); nil runs them all (DARTS).
public struct MixedOperation: Sendable, Equatable {
    public var candidates: [OperationSpec]
    /// The full name of the architecture-weight parameter; nil derives `<name>.alpha`.
    public var alpha: String?
    /// Initial logits for α (default zeros: uniform weights).
    public var alphaInit: [Double]?
    /// Fixed mixing weights instead of a learned α.
    public var weights: [Double]?
    /// The candidates that run; nil for all.
    public var active: [Int]?

    public init(candidates: [OperationSpec], alpha: String? = nil, alphaInit: [Double]? = nil,
                weights: [Double]? = nil, active: [Int]? = nil) {
        self.candidates = candidates
        self.alpha = alpha
        self.alphaInit = alphaInit
        self.weights = weights
        self.active = active
    }
}

/// A graph of named nodes and directed edges (a DAG).
///
/// A node's value is the combination (`sum`, `mean` or channel `concat`, in edge order) of
/// the values its incoming edges carry, passed through the node's optional operation. An edge
/// carries its source node's value through its optional operation. The node named `input` is
/// the graph's input and must not be declared.
public struct GraphSpec: Sendable, Equatable {
    public var nodes: [NodeSpec]
    public var edges: [EdgeSpec]
    /// The node whose value is the graph's output (default: the last node).
    public var output: String?

    public init(nodes: [NodeSpec], edges: [EdgeSpec], output: String? = nil) {
        self.nodes = nodes
        self.edges = edges
        self.output = output
    }
}

public struct NodeSpec: Sendable, Equatable {
    public enum Combine: String, Sendable, Equatable { case sum, mean, concat }
    public var name: String
    public var combine: Combine
    public var operation: OperationSpec?

    public init(name: String, combine: Combine = .sum, operation: OperationSpec? = nil) {
        self.name = name
        self.combine = combine
        self.operation = operation
    }
}

public struct EdgeSpec: Sendable, Equatable {
    public var from: String
    public var to: String
    public var operation: OperationSpec?

    public init(from: String, to: String, operation: OperationSpec? = nil) {
        self.from = from
        self.to = to
        self.operation = operation
    }
}
