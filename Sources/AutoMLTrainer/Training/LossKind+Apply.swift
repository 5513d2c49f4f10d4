extension LossKind {
    /// The loss of `scores` (`[B, classes]`) against `labels`, as configured.
    func apply(_ scores: Variable, labels: [Int], config: TrainingConfig) -> Variable {
        switch self {
        case .crossEntropy: return scores.crossEntropy(labels: labels, labelSmoothing: Float(config.labelSmoothing))
        case .hinge: return scores.multiClassHinge(labels: labels)
        case .mse: return scores.meanSquaredError(labels: labels)
        }
    }
}

extension Tensor {
    /// How many rows of a `[B, classes]` score matrix have their maximum at the label.
    func correctCount(labels: [Int]) -> Int {
        let classes = shape.count == 2 ? shape[1] : 1
        var correct = 0
        withPointer { scores in
            for (row, label) in labels.enumerated() {
                var best = 0
                for c in 1..<max(classes, 1) where scores[row * classes + c] > scores[row * classes + best] { best = c }
                if best == label { correct += 1 }
            }
        }
        return correct
    }
}
