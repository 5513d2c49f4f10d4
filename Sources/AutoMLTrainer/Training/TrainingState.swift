import AutoMLNumerics

/// A model, its optimizer and the step count: everything one training step changes.
///
/// A step: forward in training mode, the configured loss, backward, L1/L2 penalty gradients
/// on weights, decoupled weight decay on weights, the optimizer's update at the scheduled
/// learning rate (and momentum, for one-cycle), then the batch-norm running statistics.
public struct TrainingState: Sendable {
    public var model: Model
    public var optimizer: any Optimizer
    /// Optimizer steps taken so far (the schedule's position).
    public var steps = 0
    public let config: TrainingConfig
    public let schedule: LearningRateSchedule

    public init(model: Model, config: TrainingConfig, schedule: LearningRateSchedule) {
        self.model = model
        self.config = config
        self.schedule = schedule
        _ = AllocatorTuning.applied
        optimizer = makeOptimizer(for: config, parameterCount: model.parameters.entries.count)
    }

    /// One optimizer step on a batch (`[B, features]`); returns the batch's mean loss and how
    /// many rows were classified correctly. Dropout draws from `generator`.
    public mutating func step(batch: Tensor, labels: [Int], generator: inout SeededGenerator) -> (loss: Double, correct: Int) {
        let lr = schedule.learningRate(at: steps)
        let momentum = schedule.momentum(at: steps)
        let (loss, correct, gradients) = backward(batch: batch, labels: labels, generator: &generator)
        var regularized = gradients
        let (l1, l2) = (Float(config.l1), Float(config.l2))
        let decay = Float(lr * config.effectiveWeightDecay)
        // By position, without holding a copy of the entries: an update must find each
        // weight's storage uniquely referenced, or it would copy it.
        for p in regularized.indices where regularized[p] != nil && model.parameters.entries[p].role == .weight {
            if l1 > 0 || l2 > 0 {
                regularized[p]?.add(model.parameters.entries[p].value.map { l2 * $0 + (l1 > 0 ? ($0 > 0 ? l1 : ($0 < 0 ? -l1 : 0)) : 0) })
            }
            if decay > 0 { model.parameters.update(at: p) { $0.scale(by: 1 - decay) } }
        }
        optimizer.step(&model.parameters, gradients: regularized, learningRate: Float(lr), momentum: momentum.map { Float($0) })
        steps += 1
        return (loss, correct)
    }

    /// Forward and backward; the tape dies on return, so the optimizer then updates
    /// parameters that nothing else references (in place, without copies).
    private mutating func backward(batch: Tensor, labels: [Int], generator: inout SeededGenerator)
        -> (loss: Double, correct: Int, gradients: [Tensor?]) {
        let tape = Tape()
        let pass = model.forward(batch, tape: tape, training: true, generator: &generator)
        let loss = config.loss.apply(pass.output, labels: labels, config: config)
        tape.backward(from: loss)
        model.keepStatistics(of: pass)
        return (Double(loss.value.scalar ?? .nan), pass.output.value.correctCount(labels: labels), pass.gradients())
    }
}
