import AutoMLEngine
import AutoMLJSON
import AutoMLSpace
import AutoMLStrategies
import Testing

/// A space with no parameters is valid for NAS strategies (they search architectures) and refused,
/// naming the field, by every strategy that needs parameters to search.
@Suite struct EmptySpaceTests {
    static let hpoNames = StrategyRegistry.all.filter { $0.family != "nas" }.map { $0.name }
    static let nasNames = StrategyRegistry.all.filter { $0.family == "nas" }.map { $0.name }

    @Test(arguments: hpoNames)
    func parameterStrategiesRefuseAnEmptySpace(name: String) throws {
        let space = try SearchSpace(parameters: [])
        #expect(throws: JSONFieldError.self) {
            _ = try StrategyRegistry.make(name: name, options: nil, space: space, objectives: Objective.defaultList, path: "params.strategy.options")
        }
        do {
            _ = try StrategyRegistry.make(name: name, options: nil, space: space, objectives: Objective.defaultList, path: "params.strategy.options")
        } catch let error as JSONFieldError {
            #expect(error.path == "params.space.params")
        }
    }

    @Test func nasStrategiesExist() {
        #expect(Self.nasNames.contains("regularized-evolution"))
    }

    @Test func regularizedEvolutionServesAnEmptySpaceWithArchitectures() async throws {
        let engine = Engine(dataDir: nil)
        let session = try await engine.create(
            CreateRequest(strategy: "regularized-evolution", options: nil, space: SearchSpace(parameters: []),
                          objectives: Objective.defaultList, seed: 1, sessionId: nil))
        let reply = try await session.ask(count: 2, clientId: nil)
        #expect(reply.trials.count == 2)
        for trial in reply.trials {
            #expect(trial.config.isEmpty)
            #expect(trial.architecture != nil)
        }
    }
}
