import AutoMLJSON
import AutoMLTrainer
import Foundation

/// Scores a NEAT genome on a classification data set: the evaluator the engine's trainer uses
/// for `neat` trials (no training: NEAT evolves the weights).
public enum NEATFitness {
    /// Runs the network of `architecture.genotype` on every row of `data` (inputs = the row's
    /// features, one output per class) and returns the accuracy (argmax = label) and the mean
    /// softmax cross-entropy of the outputs taken as scores.
    ///
    /// - Parameter architecture: the trial's `architecture` member (`{space: "neat",
    ///   genotype: {nodes, connections}, ...}`).
    /// - Throws: `JSONFieldError` naming `architecture.genotype...` when the genome is malformed
    ///   or its input/output nodes do not match the data's features/classes.
    public static func evaluate(_ architecture: JSON, on data: Dataset) throws -> (accuracy: Double, loss: Double) {
        guard let genotype = architecture["genotype"] else {
            throw JSONFieldError(path: "architecture.genotype", reason: "missing: a neat architecture carries its genome here")
        }
        let genome = try NEATGenome(json: genotype, path: "architecture.genotype")
        let network = NEATNetwork(genome)
        guard network.inputCount == data.featureCount else {
            throw JSONFieldError(path: "architecture.genotype.nodes",
                                 reason: "the genome has \(network.inputCount) input nodes; the data has \(data.featureCount) features per row")
        }
        guard network.outputCount == data.classCount else {
            throw JSONFieldError(path: "architecture.genotype.nodes",
                                 reason: "the genome has \(network.outputCount) output nodes; the data has \(data.classCount) classes (one output per class)")
        }
        guard data.rows > 0 else { return (.nan, .nan) }
        let width = data.featureCount
        let scalars = data.features.scalars
        var correct = 0
        var total = 0.0
        var row = [Double](repeating: 0, count: width)
        for r in 0..<data.rows {
            for c in 0..<width { row[c] = Double(scalars[r * width + c]) }
            let scores = network.activate(row)
            let label = data.labels[r]
            total += crossEntropy(scores, label: label)
            if let best = scores.indices.max(by: { (scores[$0], -$0) < (scores[$1], -$1) }), best == label { correct += 1 }
        }
        return (Double(correct) / Double(data.rows), total / Double(data.rows))
    }

    /// `−log softmax(scores)[label]`, computed stably.
    static func crossEntropy(_ scores: [Double], label: Int) -> Double {
        let top = scores.max() ?? 0
        let sum = scores.reduce(0) { $0 + Foundation.exp($1 - top) }
        return top + Foundation.log(sum) - scores[label]
    }
}
