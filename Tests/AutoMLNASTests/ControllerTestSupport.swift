import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import AutoMLStrategies
import AutoMLTrainer
@testable import AutoMLNAS

/// A bare architecture space for controller tests: decisions with the given choice counts.
struct ToyArchitectureSpace: ArchitectureSpace {
    let kind = "toy"
    let choices: [Int]
    var decisionNames: [String] { choices.indices.map { "d\($0)" } }
    func genotype(_ decisions: [Int]) -> JSON { .array(decisions.map { .int(Int64($0)) }) }
    func model(_ decisions: [Int]) -> ModelDescription { ModelDescription(inputShape: [4], layers: []) }
    var json: JSON { ["kind": "toy", "choices": .array(choices.map { .int(Int64($0)) })] }
}

/// Drives a `ControllerSearch` without a session: asks one trial at a time and tells it with
/// `reward(decisions)`; returns every decision vector handed out, in order.
func runBandit(
    _ search: inout ControllerSearch, trials: Int, seed: UInt64, reward: ([Int]) -> Double
) throws -> [[Int]] {
    var rng = SeededGenerator(seed: seed)
    let space = try toySessionSpace()
    var records: [TrialRecord] = []
    var handed: [[Int]] = []
    for id in 0..<trials {
        var context = StrategyContext(rng: rng, trials: records, space: space, objectives: Objective.defaultList)
        let suggestion = search.ask(1, context: &context).suggestions[0]
        let decisions = Architecture.decisions(in: suggestion.architecture) ?? []
        handed.append(decisions)
        let record = TrialRecord(id: id, state: .complete, config: suggestion.config, architecture: suggestion.architecture,
                                 values: [reward(decisions)])
        records.append(record)
        search.tell(record, reward: record.value, context: &context)
        rng = context.rng
    }
    return handed
}

/// A session space with one float, which controller strategies draw from its prior.
func toySessionSpace() throws -> SearchSpace {
    try SearchSpace(json: ["params": [["name": "lr", "type": "float", "low": 0.001, "high": 0.1, "log": true]]], path: "space")
}
