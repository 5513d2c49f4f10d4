import AutoMLTrainer

/// The losses a controller descends, built on a tape from an `LSTMController.Evaluation` of a
/// batch of m sampled sequences. Both are negated objectives (descent maximizes them), averaged
/// over the batch, with an optional entropy bonus `β·mean(H)` that keeps the policy exploring.
public enum PolicyLoss {
    /// REINFORCE (Williams 1992) with a baseline: `−(1/m) Σ_j A_j·log p(a_j) − β·mean(H)`, whose
    /// gradient is the Monte-Carlo policy gradient `−(1/m) Σ_j (R_j − b)·∇log p(a_j)`.
    public static func reinforce(_ evaluation: LSTMController.Evaluation, advantages: [Double], entropyWeight: Double) -> Variable {
        let tape = evaluation.logProbabilities.tape
        let weights = tape.constant(Tensor(shape: [advantages.count], scalars: advantages.map(Float.init)))
        let objective = (weights * evaluation.logProbabilities).mean()
        return -(objective + entropyBonus(evaluation, weight: entropyWeight))
    }

    /// PPO: `−(1/m) Σ_j min(r_j A_j, clip(r_j, 1−ε, 1+ε) A_j) − β·mean(H)` (see
    /// `Variable.clippedSurrogate`).
    public static func ppo(
        _ evaluation: LSTMController.Evaluation, oldLogProbabilities: [Double], advantages: [Double],
        epsilon: Double, entropyWeight: Double
    ) -> Variable {
        let surrogate = evaluation.logProbabilities.clippedSurrogate(
            oldLogProbabilities: oldLogProbabilities, advantages: advantages, epsilon: epsilon)
        return -(surrogate.mean() + entropyBonus(evaluation, weight: entropyWeight))
    }

    private static func entropyBonus(_ evaluation: LSTMController.Evaluation, weight: Double) -> Variable {
        evaluation.entropies.mean() * Float(weight)
    }
}
