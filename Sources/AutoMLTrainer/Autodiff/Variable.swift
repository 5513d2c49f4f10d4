/// A tensor recorded on a `Tape`: the handle that operations take and return.
///
/// Operations are methods and operators on `Variable` (`x.matmul(w) + b`, `y.relu()`); each
/// appends a node to the same tape. Mixing variables of two tapes is a programming error.
public struct Variable {
    public let tape: Tape
    let index: Int

    /// The value computed in the forward pass.
    public var value: Tensor { tape.value(self) }
    public var shape: [Int] { tape.value(self).shape }
    /// The gradient after `tape.backward(from:)`, for leaves.
    public var gradient: Tensor? { tape.gradient(of: self) }

    /// Whether gradients flow into this variable.
    public var requiresGradient: Bool { tape.needsGradient(self) }

    /// Records `value` as the result of an operation on `inputs` (see `Tape.record`).
    func record(_ value: Tensor, inputs: [Variable], backward: @escaping Tape.Backward) -> Variable {
        tape.record(value, inputs: inputs, backward: backward)
    }
}
