import AutoMLNumerics
import AutoMLTrainer
import Foundation

/// An autoregressive LSTM policy over a vector of categorical decisions (Zoph & Le 2017).
///
/// Notation (T decisions, `n_i = choices[i]` options at step i, H the hidden size, m sequences
/// run side by side):
///
/// ```
/// x_0       = start                           [1, H]   learned "go" input
/// x_i       = embedding_{i-1}[a_{i-1}]        [m, H]   the previous decision, embedded
/// z         = [x_i, h] · W + b                [m, 4H]  gates in the order input, forget, cell, output
/// c ← σ(z_f)⊙c + σ(z_i)⊙tanh(z_c),  h ← σ(z_o)⊙tanh(c)
/// logits_i  = h · V_i + u_i                   [m, n_i] one softmax head per step
/// logits_i  = C · tanh(logits_i / τ)          (temperature τ, tanh constant C, when set)
/// log p(a)  = Σ_i logSoftmax(logits_i)[a_i],  entropy = Σ_i −Σ_k p_ik log p_ik
/// ```
///
/// Each step has its own embedding table (for the previous step's options) and head, since
/// steps of a cell space mean different things (an input index, then an operation). All
/// parameters start uniform in ±`initRange`. The arithmetic is plain loops in a fixed order
/// (`smallMatmul`), so the same parameters and decisions give bit-identical results: a session
/// rebuilt from its journal retrains the controller to the same parameters.
public struct LSTMController: Sendable, Equatable {
    public let choices: [Int]
    public let configuration: ControllerConfiguration
    /// Every trainable tensor, in the order of `parameterNames`.
    public var parameters: [Tensor]
    public let parameterNames: [String]

    /// One sequence drawn from the policy.
    public struct Sample: Sendable, Hashable {
        public var decisions: [Int]
        /// log p(decisions) under the policy that drew them.
        public var logProbability: Double
        /// The sum over steps of each step's softmax entropy (nats).
        public var entropy: Double
    }

    /// The policy's outputs for m sequences, recorded on a tape.
    public struct Evaluation {
        /// The parameters as tape leaves, in `parameterNames` order (read their gradients).
        public var parameters: [Variable]
        /// `[m]`: log p of each sequence.
        public var logProbabilities: Variable
        /// `[m]`: the summed per-step entropies of each sequence.
        public var entropies: Variable
        /// `[T][m, n_i]`: each step's log-softmax (for checks).
        public var stepLogProbabilities: [Variable]
        public var decisions: [[Int]]
    }

    /// A controller with fresh parameters drawn from `rng`.
    /// - Precondition: every entry of `choices` is ≥ 1 and `configuration` was validated.
    public init(choices: [Int], configuration: ControllerConfiguration = ControllerConfiguration(), using rng: inout SeededGenerator) {
        precondition(choices.allSatisfy { $0 >= 1 }, "every decision needs at least one option")
        self.choices = choices
        self.configuration = configuration
        let h = configuration.hiddenSize
        var shapes: [(String, [Int])] = [("start", [1, h]), ("lstm.weight", [2 * h, 4 * h]), ("lstm.bias", [4 * h])]
        for (i, n) in choices.enumerated() {
            shapes.append(("head\(i).weight", [h, n]))
            shapes.append(("head\(i).bias", [n]))
            if i + 1 < choices.count { shapes.append(("embedding\(i)", [n, h])) }
        }
        let range = configuration.initRange
        parameterNames = shapes.map(\.0)
        parameters = shapes.map { _, shape in
            Tensor(shape: shape, scalars: (0..<Shape.count(shape)).map { _ in Float(rng.nextDouble(in: -range, range)) })
        }
    }

    /// How many scalars the controller trains.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Draws one decision vector, with its log-probability and entropy.
    public func sample(using rng: inout SeededGenerator) -> Sample {
        let tape = Tape(recordsGradients: false)
        let run = unroll(on: tape, count: 1) { _, logProbabilities in
            [Self.draw(logProbabilities.scalars, using: &rng)]
        }
        return Sample(decisions: run.decisions[0], logProbability: Double(run.logProbabilities.value.scalars[0]),
                      entropy: Double(run.entropies.value.scalars[0]))
    }

    /// log p of each sequence under the current parameters (no gradients).
    /// - Precondition: each sequence is valid for `choices`.
    public func logProbabilities(of sequences: [[Int]]) -> [Double] {
        guard !sequences.isEmpty else { return [] }
        return evaluate(sequences, on: Tape(recordsGradients: false)).logProbabilities.value.scalars.map(Double.init)
    }

    /// Records the policy on `tape` for given sequences (teacher forcing), for losses.
    /// - Precondition: `sequences` is not empty and each is valid for `choices`.
    public func evaluate(_ sequences: [[Int]], on tape: Tape) -> Evaluation {
        precondition(!sequences.isEmpty && sequences.allSatisfy { $0.count == choices.count }, "sequences do not fit the controller")
        return unroll(on: tape, count: sequences.count) { step, _ in sequences.map { $0[step] } }
    }

    /// Runs the T steps for `count` sequences; `choose(step, logSoftmax)` names each row's option.
    private func unroll(on tape: Tape, count m: Int, choose: (Int, Tensor) -> [Int]) -> Evaluation {
        let h = configuration.hiddenSize
        let leaves = parameters.map { tape.parameter($0) }
        let (start, weight, bias) = (leaves[0], leaves[1], leaves[2])
        var input = start.rows([Int](repeating: 0, count: m))
        var hidden = tape.constant(Tensor(zeros: [m, h]))
        var cell = tape.constant(Tensor(zeros: [m, h]))
        var logProbability = tape.constant(Tensor(zeros: [m]))
        var entropy = tape.constant(Tensor(zeros: [m]))
        var steps: [Variable] = []
        var decisions = [[Int]](repeating: [], count: m)
        var next = 3
        for step in choices.indices {
            let gates = Variable.concatenate([input, hidden], alongAxis: 1).smallMatmul(weight) + bias
            let inputGate = gates.columns(0..<h).sigmoid()
            let forgetGate = gates.columns(h..<(2 * h)).sigmoid()
            let candidate = gates.columns((2 * h)..<(3 * h)).tanh()
            let outputGate = gates.columns((3 * h)..<(4 * h)).sigmoid()
            cell = forgetGate * cell + inputGate * candidate
            hidden = outputGate * cell.tanh()

            var logits = hidden.smallMatmul(leaves[next]) + leaves[next + 1]
            if let temperature = configuration.temperature { logits = logits * Float(1 / temperature) }
            if let constant = configuration.tanhConstant { logits = logits.tanh() * Float(constant) }
            let stepLog = logits.logSoftmax()
            let chosen = choose(step, stepLog.value)
            for (r, option) in chosen.enumerated() { decisions[r].append(option) }
            logProbability = logProbability + stepLog.picked(chosen)
            entropy = entropy - (logits.softmax() * stepLog).sum(alongAxes: [1])
            steps.append(stepLog)
            if step + 1 < choices.count {
                input = leaves[next + 2].rows(chosen)
                next += 3
            }
        }
        return Evaluation(parameters: leaves, logProbabilities: logProbability, entropies: entropy,
                          stepLogProbabilities: steps, decisions: decisions)
    }

    /// An index drawn with probabilities `exp(logProbabilities)` (one uniform draw; no draw
    /// when there is one option, as `ArchitectureSpace.sample` does).
    static func draw(_ logProbabilities: [Float], using rng: inout SeededGenerator) -> Int {
        guard logProbabilities.count > 1 else { return 0 }
        let u = rng.nextUnit()
        var cumulative = 0.0
        for (k, value) in logProbabilities.enumerated() {
            cumulative += exp(Double(value))
            if u < cumulative { return k }
        }
        return logProbabilities.count - 1
    }
}
