import AutoMLJSON
import AutoMLSpace
import Testing

@testable import AutoMLStrategies

/// The good/bad split (one and several objectives), Pareto fronts, hypervolume, and the group
/// decomposition of a conditional space.
@Suite struct TPESplitTests {
    static let space = try! SearchSpace(parameters: [Parameter(name: "x", kind: .float(low: 0, high: 1, log: false, step: nil))])

    static func trial(_ id: Int, x: Double, values: [Double]) -> TrialRecord {
        TrialRecord(id: id, state: .complete, config: ["x": .double(x)], values: values)
    }

    static func goodIds(_ observations: TPEObservations, count: Int) -> [Int] {
        let flags = TPESplit.goodFlags(observations, goodCount: count)
        return (0..<observations.count).filter { flags[$0] }.map { observations.trialIds[$0] }.sorted()
    }

    @Test func oneObjectiveKeepsTheBestLossesAndFillsWithTheDeepestPrunedTrials() {
        var observations = TPEObservations(dimensionCount: 1, objectiveCount: 1)
        let objectives = [Objective(name: "score", goal: .maximize)]
        for (id, value) in [(0, 3.0), (1, 9.0), (2, 1.0), (3, 7.0)] {
            observations.add(Self.trial(id, x: Double(id) / 10, values: [value]), space: Self.space, objectives: objectives)
        }
        var shallow = TrialRecord(id: 4, state: .pruned, config: ["x": 0.5])
        shallow.intermediate = [IntermediateValue(step: 1, value: 100)]
        var deep = TrialRecord(id: 5, state: .pruned, config: ["x": 0.6])
        deep.intermediate = [IntermediateValue(step: 1, value: 0), IntermediateValue(step: 3, value: 0.5)]
        observations.add(shallow, space: Self.space, objectives: objectives)
        observations.add(deep, space: Self.space, objectives: objectives)
        observations.add(TrialRecord(id: 6, state: .failed, config: ["x": 0.7]), space: Self.space, objectives: objectives)
        #expect(observations.count == 6)
        #expect(Self.goodIds(observations, count: 2) == [1, 3])
        #expect(Self.goodIds(observations, count: 5) == [0, 1, 2, 3, 5])
    }

    /// Losses: front 1 is A(1,5) B(2,3) C(3,2) D(5,1); E(4,4) is on front 2, F(6,6) on front 3.
    static func crafted() -> TPEObservations {
        var observations = TPEObservations(dimensionCount: 1, objectiveCount: 2)
        let objectives = [Objective(name: "a"), Objective(name: "b", goal: .maximize)]
        let points: [(Double, Double)] = [(6, 6), (1, 5), (2, 3), (4, 4), (3, 2), (5, 1)]
        for (id, p) in points.enumerated() {
            observations.add(Self.trial(id, x: 0.1 * Double(id), values: [p.0, -p.1]), space: Self.space, objectives: objectives)
        }
        return observations
    }

    @Test func multiObjectiveSplitTakesWholeFrontsThenBreaksTiesByHypervolume() {
        let observations = Self.crafted()
        #expect(Self.goodIds(observations, count: 4) == [1, 2, 4, 5])
        #expect(Self.goodIds(observations, count: 5) == [1, 2, 3, 4, 5])
        // Two of front 1, reference (5.5, 5.5): B and C add 8.75 each, B wins the tie by index;
        // then C adds 2.5, more than D (1.0) or A (0.5).
        #expect(Self.goodIds(observations, count: 2) == [2, 4])
    }

    @Test func paretoFrontsPeelInOrder() {
        let losses: [Double] = [6, 6, 1, 5, 2, 3, 4, 4, 3, 2, 5, 1, 2, 3]
        #expect(ParetoRanking.fronts(losses: losses, objectives: 2) == [[1, 2, 4, 5, 6], [3], [0]])
        #expect(ParetoRanking.fronts(losses: losses, objectives: 2, atLeast: 2) == [[1, 2, 4, 5, 6]])
    }

    @Test func hypervolumeMatchesHandComputedValues() {
        let front: [[Double]] = [[1, 5], [2, 3], [3, 2], [5, 1]]
        #expect(Hypervolume.volume(front, reference: [6, 6]) == 17)
        // Three unit-thick slabs in 3-D: 3 · 4 - 3 · 2 + 1 by inclusion-exclusion.
        let slabs: [[Double]] = [[0, 0, 1], [0, 1, 0], [1, 0, 0]]
        #expect(Hypervolume.volume(slabs, reference: [2, 2, 2]) == 7)
        #expect(Hypervolume.volume(slabs + [[1, 1, 1]], reference: [2, 2, 2]) == 7)
        #expect(Hypervolume.greedySubset(front, count: 2, reference: [5.5, 5.5]) == [1, 2])
        #expect(Hypervolume.greedySubset(slabs + [[0.2, 0.2, 0.2]], count: 1, reference: [2, 2, 2]) == [3])
    }

    @Test func groupDecompositionSplitsAConditionalSpace() throws {
        let json: JSON = [
            "params": [
                ["name": "kind", "type": "categorical", "choices": ["a", "b"]],
                ["name": "x", "type": "float", "low": 0.0, "high": 1.0],
                ["name": "only_a", "type": "float", "low": 0.0, "high": 1.0, "when": ["kind": ["a"]]],
                ["name": "only_b", "type": "int", "low": 0, "high": 5, "when": ["kind": ["b"]]],
            ]
        ]
        let space = try SearchSpace(json: json, path: "space")
        var observations = TPEObservations(dimensionCount: space.dimension, objectiveCount: 1)
        let configs: [JSONObject] = [["kind": "a", "x": 0.1, "only_a": 0.2], ["kind": "b", "x": 0.3, "only_b": 2], ["kind": "a", "x": 0.5, "only_a": 0.9]]
        for (id, config) in configs.enumerated() {
            observations.add(TrialRecord(id: id, state: .complete, config: config, values: [Double(id)]), space: space, objectives: Objective.defaultList)
        }
        #expect(observations.groups.groups == [[0, 1], [2], [3]])
        var groups = observations.groups
        groups.add(active: [0, 3])
        #expect(groups.groups == [[0], [1], [2], [3]])

        let tpe = try TPE(space: space, objectives: Objective.defaultList, options: .init())
        var told = tpe
        var context = StrategyContext(rng: .init(seed: 0), trials: [], space: space, objectives: Objective.defaultList)
        for (id, config) in configs.enumerated() {
            told.tell(TrialRecord(id: id, state: .complete, config: config, values: [Double(id)]), context: &context)
        }
        #expect(told.modelledBlocks() == [[0, 1], [2], [3]])
        let intersection = try TPE(space: space, objectives: Objective.defaultList, options: .init(group: false))
        told = intersection
        for (id, config) in configs.enumerated() {
            told.tell(TrialRecord(id: id, state: .complete, config: config, values: [Double(id)]), context: &context)
        }
        #expect(told.modelledBlocks() == [[0, 1], [2], [3]])
        told = try TPE(space: space, objectives: Objective.defaultList, options: .init(multivariate: false))
        for (id, config) in configs.prefix(1).enumerated() {
            told.tell(TrialRecord(id: id, state: .complete, config: config, values: [Double(id)]), context: &context)
        }
        #expect(told.modelledBlocks() == [[0], [1], [2]])
    }
}
