import AutoMLEngine
import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies
import AutoMLTrainer
import Foundation
import Testing
@testable import AutoMLNAS

/// The `neat` strategy through a session, the genome's wire form, and `NEATFitness`.
@Suite struct NEATStrategyTests {
    /// Sessions need one parameter; the evaluator ignores it.
    static let params: JSON = ["params": [["name": "unused", "type": "float", "low": 0.0, "high": 1.0]]]

    static func session(populationSize: Int = 6, seed: UInt64 = 1) async throws -> Session {
        try await Engine(dataDir: nil).create(CreateRequest(
            strategy: "neat", options: ["populationSize": .int(Int64(populationSize))],
            space: SearchSpace(json: Self.params, path: "space"),
            objectives: [Objective(name: "fitness", goal: .maximize)], seed: seed, sessionId: nil))
    }

    @Test func handsOutOneGenerationThenWaitsThenBreedsTheNext() async throws {
        let session = try await Self.session()
        let first = try await session.ask(count: 10, clientId: nil)
        #expect(first.trials.count == 6)
        for trial in first.trials {
            let architecture = try #require(trial.architecture)
            #expect(architecture["space"] == "neat")
            #expect(architecture["decisions"] == [])
            #expect(architecture["generation"] == 0)
            let genome = try NEATGenome(json: try #require(architecture["genotype"]), path: "architecture.genotype")
            #expect(genome.inputIDs == [0, 1] && genome.outputIDs == [3])
            #expect(genome.connections.map(\.innovation) == [0, 1, 2])
        }
        let waiting = try await session.ask(count: 1, clientId: nil)
        #expect(waiting.trials.isEmpty && waiting.waiting)

        for (k, trial) in first.trials.enumerated().dropLast() {
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [Double(k)], budget: nil, cost: nil)
        }
        let last = try #require(first.trials.last)
        _ = try await session.abandon(trialId: last.id)
        let again = try await session.ask(count: 3, clientId: nil)
        #expect(again.trials.count == 1)
        #expect(again.trials.first?.architecture == last.architecture)
        _ = try await session.tell(trialId: again.trials[0].id, state: .failed, values: nil, budget: nil, cost: nil)

        let next = try await session.ask(count: 10, clientId: nil)
        #expect(next.trials.count == 6)
        #expect(next.trials.allSatisfy { $0.architecture?["generation"] == 1 })
        let status = await session.status()
        #expect(status["strategy"]?["state"]?["bestFitness"] == 4.0)
        #expect(status["strategy"]?["state"]?["generation"] == 1)
    }

    @Test func genomesRoundTripThroughTheirWireForm() throws {
        let (a, b) = NEATGeneticsTests.figureFourParents()
        for genome in [a, b] {
            #expect(try NEATGenome(json: genome.json, path: "g") == genome)
        }
        #expect(a.json["nodes"]?[3] == ["id": 4, "type": "output", "activation": "identity"])
    }

    @Test(arguments: [
        (["nodes": [["id": 0, "type": "input"]], "connections": [["innovation": 0, "from": 0, "to": 1, "weight": 1]]] as JSON,
         "architecture.genotype.connections[0].to"),
        (["nodes": [["id": 0, "type": "input"], ["id": 1, "type": "output"]],
          "connections": [["innovation": 0, "from": 1, "to": 0, "weight": 1]]] as JSON,
         "architecture.genotype.connections[0].to"),
        (["nodes": [["id": 0, "type": "hidden"], ["id": 1, "type": "output"]],
          "connections": [["innovation": 0, "from": 0, "to": 1, "weight": 1], ["innovation": 1, "from": 1, "to": 0, "weight": 1]]] as JSON,
         "architecture.genotype.connections"),
        (["nodes": [["id": 0, "type": "input"], ["id": 0, "type": "output"]], "connections": []] as JSON,
         "architecture.genotype.nodes[1].id"),
        (["nodes": [["id": 0, "type": "neuron"]], "connections": []] as JSON, "architecture.genotype.nodes[0].type"),
        (["nodes": [], "connections": [["innovation": 0, "from": 0, "to": 0, "weight": "heavy"]]] as JSON,
         "architecture.genotype.connections[0].weight"),
        (["connections": []] as JSON, "architecture.genotype.nodes"),
    ])
    func malformedGenomesAreRejectedAtTheirPath(_ genotype: JSON, path: String) {
        let error = #expect(throws: JSONFieldError.self) { try NEATGenome(json: genotype, path: "architecture.genotype") }
        #expect(error?.path == path, "\(String(describing: error))")
    }

    /// out0 = x0 − x1, out1 = x1 − x0 (identity outputs): predicts the larger feature.
    static let comparator: JSON = ["space": "neat", "decisions": [], "genotype": [
        "nodes": [["id": 0, "type": "input"], ["id": 1, "type": "input"], ["id": 2, "type": "bias"],
                  ["id": 3, "type": "output", "activation": "identity"], ["id": 4, "type": "output", "activation": "identity"]],
        "connections": [["innovation": 0, "from": 0, "to": 3, "weight": 1], ["innovation": 1, "from": 1, "to": 3, "weight": -1],
                        ["innovation": 2, "from": 0, "to": 4, "weight": -1], ["innovation": 3, "from": 1, "to": 4, "weight": 1]],
    ]]

    @Test func fitnessRunsTheNetworkOnEveryRow() throws {
        let data = try #require(Dataset(features: Tensor(shape: [3, 2], scalars: [2, 0, 0, 1, 3, 1]), labels: [0, 1, 1], classCount: 2))
        let (accuracy, loss) = try NEATFitness.evaluate(Self.comparator, on: data)
        #expect(abs(accuracy - 2.0 / 3) < 1e-12)
        // Rows' scores: (2, −2) label 0; (−1, 1) label 1; (2, −2) label 1.
        let expected = (log(1 + exp(-4.0)) + log(1 + exp(-2.0)) + log(1 + exp(4.0))) / 3
        #expect(abs(loss - expected) < 1e-9)
    }

    @Test func fitnessNamesTheGenomeWhenItDoesNotMatchTheData() throws {
        let threeFeatures = try #require(Dataset(features: Tensor(zeros: [2, 3]), labels: [0, 1], classCount: 2))
        let inputs = #expect(throws: JSONFieldError.self) { try NEATFitness.evaluate(Self.comparator, on: threeFeatures) }
        #expect(inputs?.path == "architecture.genotype.nodes")
        #expect(inputs?.reason.contains("2 input nodes") == true)
        let threeClasses = try #require(Dataset(features: Tensor(zeros: [2, 2]), labels: [0, 2], classCount: 3))
        let outputs = #expect(throws: JSONFieldError.self) { try NEATFitness.evaluate(Self.comparator, on: threeClasses) }
        #expect(outputs?.reason.contains("3 classes") == true)
        let missing = #expect(throws: JSONFieldError.self) { try NEATFitness.evaluate(["space": "neat"], on: threeClasses) }
        #expect(missing?.path == "architecture.genotype")
    }

    @Test func badOptionsNameTheirField() async throws {
        let error = #expect(throws: JSONFieldError.self) {
            _ = try NEAT.make(options: ["addNodeRate": 2], space: SearchSpace(json: Self.params, path: "space"),
                              objectives: Objective.defaultList, path: "params.strategy.options")
        }
        #expect(error?.path == "params.strategy.options.addNodeRate")
    }
}
