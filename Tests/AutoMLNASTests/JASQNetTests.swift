import AutoMLEngine
import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies
import AutoMLTrainer
import Foundation
import Testing
@testable import AutoMLNAS

/// JASQNet through a session, on a tiny quantized NASNet space, with a synthetic evaluator
/// whose accuracy grows with the bit widths and the cell's parameters.
@Suite struct JASQNetTests {
    /// Sessions need one parameter; the evaluator ignores it.
    static let params: JSON = ["params": [["name": "unused", "type": "float", "low": 0.0, "high": 1.0]]]
    static let space: JSON = ["kind": "quantized", "base": ["kind": "nasnet", "blocks": 1, "channels": 4, "reductions": 1], "bits": [2, 4, 8]]
    static let objectives = [Objective(name: "validationAccuracy", goal: .maximize), Objective(name: "modelBytes", goal: .minimize)]

    /// A stand-in for training: accuracy saturates in the model's effective bits.
    static func evaluate(_ architecture: JSON) throws -> [Double] {
        let bytes = try #require(architecture["modelBytes"]?.doubleValue)
        let widths = try #require(architecture["training"]?["weightBits"]?.arrayValue).compactMap(\.doubleValue)
        let meanBits = widths.reduce(0, +) / Double(max(widths.count, 1))
        return [1 - exp(-bytes / 2000) * (1.5 - meanBits / 32), bytes]
    }

    static func run(strategy: String, options: JSON?, trials: Int, seed: UInt64) async throws -> Session {
        let session = try await Engine(dataDir: nil).create(CreateRequest(
            strategy: strategy, options: options, space: SearchSpace(json: Self.params, path: "space"),
            objectives: objectives, seed: seed, sessionId: nil))
        var told = 0
        while told < trials {
            for trial in try await session.ask(count: 4, clientId: nil).trials {
                let values = try evaluate(try #require(trial.architecture))
                _ = try await session.tell(trialId: trial.id, state: .complete, values: values, budget: nil, cost: nil)
                told += 1
            }
        }
        return session
    }

    @Test func returnsANonDominatedFrontThatTradesAccuracyForSize() async throws {
        let session = try await Self.run(strategy: "jasqnet", options: ["space": Self.space, "populationSize": 8], trials: 48, seed: 2)
        let front = await session.best()
        #expect(front.count >= 2)
        for a in front {
            for b in front where a.id != b.id {
                #expect(!Self.objectives.dominates(b.values ?? [], a.values ?? []))
            }
        }
        let sizes = front.compactMap { $0.values?[1] }
        #expect((sizes.max() ?? 0) > (sizes.min() ?? 0))
        let status = await session.status()
        #expect(status["strategy"]?["state"]?["generation"] == 6)
    }

    @Test func everyTrialCarriesWidthsForEachLayerOfItsModel() async throws {
        let session = try await Engine(dataDir: nil).create(CreateRequest(
            strategy: "jasqnet", options: ["space": Self.space], space: SearchSpace(json: Self.params, path: "space"),
            objectives: Self.objectives, seed: 1, sessionId: nil))
        for trial in try await session.ask(count: 3, clientId: nil).trials {
            let architecture = try #require(trial.architecture)
            let model = try ModelDescription.decode(try #require(architecture["model"]))
            let widths = try #require(architecture["training"]?["weightBits"]?.arrayValue)
            #expect(widths.count == (try ModelFootprint(model).layers.count))
            let config = try TrainingConfig.decode(["weightBits": .array(widths)])
            #expect(architecture["modelBytes"] == .int(Int64(try ModelFootprint(model).bytes(config.weightBits))))
        }
    }

    @Test func wrapsASpaceThatIsNotQuantized() throws {
        let strategy = try JASQNet(space: SearchSpace(json: Self.params, path: "space"), objectives: Self.objectives,
                                   options: .init(space: ["kind": "nasnet", "blocks": 1, "channels": 4]))
        #expect(strategy.architectures.base.kind == "nasnet")
        #expect(strategy.architectures.bits == QuantizedSpace.defaultBits)
    }
}
