import AutoMLEngine
import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import Foundation
import Testing
@testable import AutoMLStrategies

/// NSGA-II: sorting, crowding and survival on hand-made points; SBX and polynomial mutation;
/// and the search itself on ZDT1/ZDT2 against random search.
@Suite struct NSGA2Tests {
    /// A(1,5) B(2,3) C(4,1) D(3,4) E(5,5) F(2,3): B and F are equal, D is behind B, E behind D.
    static let points: [[Double]] = [[1, 5], [2, 3], [4, 1], [3, 4], [5, 5], [2, 3]]

    @Test func nonDominatedSortPeelsFrontsAndKeepsEqualPointsTogether() {
        #expect(NSGA2Selection.fronts(Self.points) == [[0, 1, 2, 5], [3], [4]])
        #expect(NSGA2Selection.ranks(Self.points) == [0, 0, 0, 1, 2, 0])
        #expect(NSGA2Selection.fronts([[1], [3], [2], [1]]) == [[0, 3], [2], [1]])
        #expect(NSGA2Selection.fronts([[.nan, 0], [1, 1]]) == [[0, 1]])
    }

    @Test func crowdingDistanceSumsNormalizedNeighbourGaps() {
        let distances = NSGA2Selection.crowdingDistances(Self.points, front: [0, 1, 2, 5])
        #expect(distances[0] == .infinity && distances[2] == .infinity)
        #expect(abs(distances[1] - (1.0 / 3 + 0.5)) < 1e-12)
        #expect(abs(distances[3] - (2.0 / 3 + 0.5)) < 1e-12)
        #expect(NSGA2Selection.crowdingDistances(Self.points, front: [3, 4]) == [.infinity, .infinity])
    }

    @Test func survivalTakesWholeFrontsThenTheLeastCrowded() {
        #expect(NSGA2Selection.survivors(Self.points, count: 3) == [0, 2, 5])
        #expect(NSGA2Selection.survivors(Self.points, count: 5) == [0, 1, 2, 5, 3])
        #expect(NSGA2Selection.survivors(Self.points, count: 9).sorted() == [0, 1, 2, 3, 4, 5])
    }

    @Test func tournamentPrefersLowerRankThenLargerCrowding() {
        var rng = SeededGenerator(seed: 1)
        var wins = [0, 0, 0]
        for _ in 0..<3000 {
            wins[NSGA2Selection.tournament(rank: [0, 0, 1], crowding: [1, 2, 9], rng: &rng)] += 1
        }
        // Of the 9 ordered pairs, index 1 wins (0,1) (1,0) (1,1) (1,2) (2,1); index 0 wins (0,0)
        // (0,2) (2,0); index 2, the worst rank, only (2,2).
        #expect(abs(Double(wins[1]) / 3000 - 5.0 / 9) < 0.03)
        #expect(abs(Double(wins[0]) / 3000 - 3.0 / 9) < 0.03)
        #expect(abs(Double(wins[2]) / 3000 - 1.0 / 9) < 0.02)
    }

    @Test func crossoverAndMutationStayInTheUnitIntervalAndNearTheParentsForLargeIndices() {
        var rng = SeededGenerator(seed: 2)
        var spreadSmall = 0.0, spreadLarge = 0.0
        for _ in 0..<2000 {
            let a = rng.nextUnit(), b = rng.nextUnit()
            let (c1, c2) = SimulatedBinaryCrossover.children(a, b, eta: 2, rng: &rng)
            let (d1, d2) = SimulatedBinaryCrossover.children(a, b, eta: 50, rng: &rng)
            for x in [c1, c2, d1, d2] { #expect(x >= 0 && x <= 1) }
            spreadSmall += abs(c1 - c2) - abs(a - b)
            spreadLarge += abs(abs(d1 - d2) - abs(a - b))
            let m = PolynomialMutation.mutate(a, eta: 20, rng: &rng)
            #expect(m >= 0 && m <= 1)
        }
        #expect(spreadLarge / 2000 < 0.05)
        #expect(abs(spreadSmall) / 2000 > spreadLarge / 2000)
        #expect(SimulatedBinaryCrossover.children(0.3, 0.3, eta: 20, rng: &rng) == (0.3, 0.3))
    }

    // MARK: - ZDT

    enum ZDT: String, CaseIterable {
        case zdt1, zdt2

        /// Both objectives, minimized; the Pareto front is g = 1 (every x after the first 0).
        func values(_ x: [Double]) -> [Double] {
            let g = 1 + 9 * x.dropFirst().reduce(0, +) / Double(x.count - 1)
            let ratio = x[0] / g
            return [x[0], g * (self == .zdt1 ? 1 - ratio.squareRoot() : 1 - ratio * ratio)]
        }
    }

    static let variables = 6
    static let reference = [1.1, 6.0]

    static func space() throws -> SearchSpace {
        try SearchSpace(json: ["params": .array((0..<variables).map { ["name": .string("x\($0)"), "type": "float", "low": 0.0, "high": 1.0] })], path: "space")
    }

    /// The hypervolume (w.r.t. `reference`) of every trial told in a session of `strategy`.
    static func hypervolume(_ problem: ZDT, strategy: String, options: JSON?, trials: Int, seed: UInt64) async throws -> (Double, [[Double]]) {
        let objectives = [Objective(name: "f1"), Objective(name: "f2")]
        let session = try await Engine(dataDir: nil).create(
            CreateRequest(strategy: strategy, options: options, space: try space(), objectives: objectives, seed: seed, sessionId: nil))
        var points: [[Double]] = []
        while points.count < trials {
            for trial in try await session.ask(count: 4, clientId: nil).trials {
                let x = (0..<variables).map { trial.config["x\($0)"]?.doubleValue ?? 0 }
                let values = problem.values(x)
                points.append(values)
                _ = try await session.tell(trialId: trial.id, state: .complete, values: values, budget: nil, cost: nil)
            }
        }
        let front = await session.best().compactMap(\.values)
        return (Hypervolume.volume(points, reference: reference), front)
    }

    /// A known answer for seed 3 (over seeds 0-9 at this budget the ratio was 1.17-1.38 on ZDT1
    /// and 1.20-1.65 on ZDT2; NSGA-II reaches about 93% and 88% of the optimal hypervolume).
    @Test(arguments: ZDT.allCases)
    func beatsRandomSearchOnZDTAtEqualTrialsWithANonDominatedFront(_ problem: ZDT) async throws {
        let options: JSON = ["populationSize": 20]
        let (nsga2, front) = try await Self.hypervolume(problem, strategy: "nsga2", options: options, trials: 400, seed: 3)
        let (random, _) = try await Self.hypervolume(problem, strategy: "random", options: nil, trials: 400, seed: 3)
        #expect(nsga2 > random * 1.15, "hypervolume \(nsga2) vs random \(random)")
        #expect(!front.isEmpty)
        for a in front {
            for b in front where a != b { #expect(!Hypervolume.dominates(b, a)) }
        }
        if problem == .zdt1 {
            // ZDT1's convex front keeps its spread; on ZDT2 a small population often converges
            // to the f1 = 0 end first (see Documentation/NAS-Evolution.md).
            let f1 = front.map { $0[0] }
            #expect((f1.max() ?? 0) - (f1.min() ?? 0) > 0.3, "the front spans f1 = \(f1.min() ?? 0)...\(f1.max() ?? 0)")
        }
    }

    @Test func optimizesASingleObjective() async throws {
        let session = try await Engine(dataDir: nil).create(
            CreateRequest(strategy: "nsga2", options: ["populationSize": 10], space: try Self.space(),
                          objectives: Objective.defaultList, seed: 5, sessionId: nil))
        var firstGeneration: [Double] = [], later: [Double] = []
        for round in 0..<15 {
            for trial in try await session.ask(count: 10, clientId: nil).trials {
                let value = (0..<Self.variables).reduce(0.0) { sum, k in
                    let x = trial.config["x\(k)"]?.doubleValue ?? 0
                    return sum + (x - 0.3) * (x - 0.3)
                }
                if round == 0 { firstGeneration.append(value) } else if round == 14 { later.append(value) }
                _ = try await session.tell(trialId: trial.id, state: .complete, values: [value], budget: nil, cost: nil)
            }
        }
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        #expect(median(later) < median(firstGeneration) / 4)
        #expect((await session.best().first?.value ?? 1) < 0.05)
    }

    @Test func childrenKeepConditionalParametersConsistent() throws {
        let space = try SearchSpace(json: ["params": [
            ["name": "kind", "type": "categorical", "choices": ["a", "b"]],
            ["name": "x", "type": "float", "low": 0.0, "high": 1.0, "when": ["kind": ["a"]]],
            ["name": "y", "type": "int", "low": 1, "high": 5, "when": ["kind": ["b"]]],
        ]], path: "space")
        let variation = NSGA2Variation(space: space, crossoverProbability: 1, crossoverEta: 20, mutationProbability: 0.5,
                                       mutationEta: 20, swappingProbability: 0.5)
        let a = NSGA2Variation.Member(config: ["kind": "a", "x": 0.25], space: space)
        let b = NSGA2Variation.Member(config: ["kind": "b", "y": 4], space: space)
        var rng = SeededGenerator(seed: 8)
        var kinds: Set<String> = []
        for _ in 0..<200 {
            let child = variation.child(a, b, rng: &rng)
            #expect(try space.validate(.object(child), path: "child") == child)
            kinds.insert(child["kind"]?.stringValue ?? "")
        }
        #expect(kinds == ["a", "b"])
    }
}
