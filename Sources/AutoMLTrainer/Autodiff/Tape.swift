/// A recording of tensor operations for reverse-mode automatic differentiation.
///
/// Each operation on `Variable`s appends a node holding its value, the positions of its
/// inputs, and a backward closure that turns the gradient of its output into gradients of its
/// inputs. Nodes are appended in evaluation order, which is a topological order, so
/// `backward(from:)` walks them in reverse. A tape serves one forward and one backward pass
/// and is then dropped.
///
/// ```swift
/// let tape = Tape()
/// let w = tape.parameter(Tensor(shape: [2], scalars: [1, -2]))
/// let loss = (w * w).sum()
/// tape.backward(from: loss)
/// tape.gradient(of: w)   // [2, -4]
/// ```
///
/// Backward closures receive their inputs through `BackwardInputs` and must not capture
/// `Variable`s: a variable holds its tape, so a captured one would keep the tape alive forever.
/// A tape made with `recordsGradients: false` keeps no backward closures (inference).
public final class Tape {
    /// Passes an output gradient back to the operation's inputs.
    public typealias Backward = (_ outputGradient: Tensor, _ inputs: BackwardInputs) -> Void

    struct Node {
        var value: Tensor
        var gradient: Tensor?
        var requiresGradient: Bool
        var inputs: [Int]
        var backward: Backward?
    }

    private(set) var nodes: [Node] = []
    /// False for inference tapes: operations record values only.
    public let recordsGradients: Bool

    public init(recordsGradients: Bool = true) {
        self.recordsGradients = recordsGradients
    }

    /// A leaf that gradients do not flow into (data, labels, frozen weights).
    public func constant(_ value: Tensor) -> Variable {
        append(Node(value: value, gradient: nil, requiresGradient: false, inputs: [], backward: nil))
    }

    /// A leaf whose gradient `backward(from:)` computes (a trainable weight).
    public func parameter(_ value: Tensor) -> Variable {
        append(Node(value: value, gradient: nil, requiresGradient: recordsGradients, inputs: [], backward: nil))
    }

    /// Records the result of an operation. The backward closure is kept only when a gradient
    /// can flow into one of `inputs`.
    public func record(_ value: Tensor, inputs: [Variable], backward: @escaping Backward) -> Variable {
        let indices = inputs.map(\.index)
        let needed = recordsGradients && indices.contains { nodes[$0].requiresGradient }
        return append(Node(value: value, gradient: nil, requiresGradient: needed, inputs: indices, backward: needed ? backward : nil))
    }

    /// Whether a gradient must be computed for `variable`.
    public func needsGradient(_ variable: Variable) -> Bool { nodes[variable.index].requiresGradient }

    public func value(_ variable: Variable) -> Tensor { nodes[variable.index].value }

    /// The accumulated gradient of a leaf after `backward(from:)`, nil when none reached it.
    public func gradient(of variable: Variable) -> Tensor? { nodes[variable.index].gradient }

    /// Back-propagates from `output`, seeding its gradient with ones (or `seed`). Intermediate
    /// gradients and backward closures are released as soon as they have been used; leaves
    /// keep their gradients.
    public func backward(from output: Variable, seed: Tensor? = nil) {
        let start = output.index
        accumulate(seed ?? Tensor(shape: nodes[start].value.shape, repeating: 1), at: start)
        for index in stride(from: start, through: 0, by: -1) {
            guard let backward = nodes[index].backward, let gradient = nodes[index].gradient else { continue }
            nodes[index].gradient = nil
            nodes[index].backward = nil
            backward(gradient, BackwardInputs(tape: self, indices: nodes[index].inputs))
        }
    }

    func needsGradient(at index: Int) -> Bool { nodes[index].requiresGradient }

    func accumulate(_ gradient: Tensor, at index: Int) {
        guard nodes[index].requiresGradient else { return }
        if nodes[index].gradient == nil {
            nodes[index].gradient = gradient
        } else {
            nodes[index].gradient?.add(gradient)
        }
    }

    private func append(_ node: Node) -> Variable {
        nodes.append(node)
        return Variable(tape: self, index: nodes.count - 1)
    }
}

/// The inputs of an operation during its backward pass, by their order in `record(inputs:)`.
public struct BackwardInputs {
    let tape: Tape
    let indices: [Int]

    /// Whether input `k` needs a gradient (skip computing it otherwise).
    public func needsGradient(_ k: Int) -> Bool { tape.needsGradient(at: indices[k]) }

    /// Adds `gradient` to input `k`'s gradient.
    public func accumulate(_ gradient: Tensor, into k: Int) { tape.accumulate(gradient, at: indices[k]) }
}
