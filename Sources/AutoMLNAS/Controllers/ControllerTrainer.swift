import AutoMLTrainer

/// How a batch of rewarded samples updates the controller.
public enum PolicyUpdateRule: Sendable, Hashable {
    /// One REINFORCE step per batch (Zoph & Le 2017).
    case reinforce
    /// `epochs` steps per batch on PPO's clipped surrogate with clip range `epsilon`
    /// (Zoph et al. 2018; Tan et al. 2019).
    case ppo(epsilon: Double, epochs: Int)
}

/// A controller with its optimizer and reward baseline: turns batches of (decisions, reward)
/// into parameter updates.
///
/// Everything here is a deterministic function of the initial parameters and the batches in
/// order, which is what lets a session replay its journal into the same controller.
public struct ControllerTrainer: Sendable, Equatable {
    public private(set) var controller: LSTMController
    public private(set) var optimizer: ControllerAdam
    public private(set) var baseline: MovingAverageBaseline
    public let rule: PolicyUpdateRule
    public let entropyWeight: Double
    /// Gradient steps taken so far.
    public var steps: Int { optimizer.steps }

    /// One rewarded sample.
    public struct Sample: Sendable, Hashable {
        public var decisions: [Int]
        public var reward: Double

        public init(decisions: [Int], reward: Double) {
            self.decisions = decisions
            self.reward = reward
        }
    }

    public init(controller: LSTMController, learningRate: Double, baselineDecay: Double, rule: PolicyUpdateRule, entropyWeight: Double) {
        self.controller = controller
        self.optimizer = ControllerAdam(learningRate: learningRate)
        self.baseline = MovingAverageBaseline(decay: baselineDecay)
        self.rule = rule
        self.entropyWeight = entropyWeight
    }

    /// Updates the controller from one batch; returns the advantages used.
    /// - Precondition: every sample's decisions are valid for the controller's choices.
    @discardableResult
    public mutating func update(_ batch: [Sample]) -> [Double] {
        guard !batch.isEmpty else { return [] }
        let sequences = batch.map(\.decisions)
        let advantages = baseline.advantages(for: batch.map(\.reward))
        let entropyWeight = entropyWeight
        switch rule {
        case .reinforce:
            descend(sequences) { PolicyLoss.reinforce($0, advantages: advantages, entropyWeight: entropyWeight) }
        case .ppo(let epsilon, let epochs):
            let old = controller.logProbabilities(of: sequences)
            for _ in 0..<epochs {
                descend(sequences) {
                    PolicyLoss.ppo($0, oldLogProbabilities: old, advantages: advantages, epsilon: epsilon, entropyWeight: entropyWeight)
                }
            }
        }
        return advantages
    }

    /// The gradients of `loss` at the current parameters, for `sequences` (in `parameterNames` order).
    public func gradients(_ sequences: [[Int]], loss: (LSTMController.Evaluation) -> Variable) -> [Tensor] {
        let tape = Tape()
        let evaluation = controller.evaluate(sequences, on: tape)
        tape.backward(from: loss(evaluation))
        return evaluation.parameters.map { $0.gradient ?? Tensor(zeros: $0.shape) }
    }

    private mutating func descend(_ sequences: [[Int]], loss: (LSTMController.Evaluation) -> Variable) {
        let gradients = gradients(sequences, loss: loss)
        optimizer.step(&controller.parameters, gradients: gradients)
    }
}
