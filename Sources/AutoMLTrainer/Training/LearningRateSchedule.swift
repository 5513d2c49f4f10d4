/// The learning rate (and, for one-cycle, the momentum) at each optimizer step.
///
/// Steps count from 0 over the whole run (`totalSteps = epochs × stepsPerEpoch`, with the
/// config's `epochs` even when a budget stops training earlier, so a run resumed from a
/// checkpoint continues the same curve). Per-epoch schedules change at epoch boundaries:
/// - constant: `lr`.
/// - step: `lr · γ^⌊epoch / stepSize⌋`.
/// - exponential: `lr · γ^epoch`.
/// - cosine (Loshchilov & Hutter 2017) with linear warm-up over `warmupEpochs`, then
///   `min + (lr − min)·(1 + cos(π·t))/2`, t from 0 to 1 over the remaining steps.
/// - one-cycle (Smith & Topin 2019, as PyTorch's `OneCycleLR` with cosine annealing): from
///   `lr/divFactor` up to `lr` over `pctStart` of the steps, then down to
///   `lr/(divFactor·finalDivFactor)`; momentum moves the other way between 0.95 and 0.85.
public struct LearningRateSchedule: Sendable {
    public let config: TrainingConfig
    public let stepsPerEpoch: Int
    public let totalSteps: Int

    public init(config: TrainingConfig, stepsPerEpoch: Int, epochs: Int) {
        self.config = config
        self.stepsPerEpoch = max(stepsPerEpoch, 1)
        totalSteps = max(epochs, 1) * self.stepsPerEpoch
    }

    /// The learning rate for step `step` (0-based).
    public func learningRate(at step: Int) -> Double {
        let base = config.learningRate
        let epoch = step / stepsPerEpoch
        switch config.schedule {
        case .constant:
            return base
        case .step:
            return base * pow(config.effectiveGamma, epoch / config.stepSize)
        case .exponential:
            return base * pow(config.effectiveGamma, epoch)
        case .cosine:
            let warmup = Int((config.warmupEpochs * Double(stepsPerEpoch)).rounded())
            if step < warmup { return base * Double(step + 1) / Double(warmup) }
            let t = min(Double(step - warmup) / Double(max(totalSteps - warmup, 1)), 1)
            return config.minLearningRate + (base - config.minLearningRate) * (1 + Math.cos(Double.pi * t)) / 2
        case .onecycle:
            let (phase, t) = oneCyclePhase(step)
            let start = base / config.divFactor, end = start / config.finalDivFactor
            return phase == 0 ? Self.anneal(from: start, to: base, t) : Self.anneal(from: base, to: end, t)
        }
    }

    /// One-cycle's momentum (β1 for Adam-family optimizers) at `step`, or nil when the
    /// schedule leaves momentum alone.
    public func momentum(at step: Int) -> Double? {
        guard config.schedule == .onecycle, config.cycleMomentum else { return nil }
        let (phase, t) = oneCyclePhase(step)
        return phase == 0 ? Self.anneal(from: 0.95, to: 0.85, t) : Self.anneal(from: 0.85, to: 0.95, t)
    }

    /// The phase (0 rising, 1 falling) and the progress through it, as PyTorch counts them.
    private func oneCyclePhase(_ step: Int) -> (Int, Double) {
        let peak = config.pctStart * Double(totalSteps) - 1
        let last = Double(totalSteps - 1)
        let s = Double(min(step, totalSteps - 1))
        if s <= peak { return (0, peak > 0 ? s / peak : 1) }
        return (1, last > peak ? (s - peak) / (last - peak) : 1)
    }

    private static func anneal(from start: Double, to end: Double, _ t: Double) -> Double {
        end + (start - end) / 2 * (1 + Math.cos(Double.pi * t))
    }

    private func pow(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(exponent, 0) { result *= base }
        return result
    }
}
