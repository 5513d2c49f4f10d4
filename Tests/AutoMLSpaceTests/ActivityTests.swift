import AutoMLJSON
import Testing
@testable import AutoMLSpace

@Suite struct ActivityTests {
    let space: SearchSpace

    init() throws { space = try SpaceFixtures.conditional() }

    private func active(_ name: String, _ config: JSON) throws -> Bool {
        let parameter = try #require(space.parameter(named: name))
        return space.isActive(parameter, in: SpaceFixtures.config(config))
    }

    @Test func unconditionalParametersAreAlwaysActive() throws {
        #expect(try active("optimizer", [:]))
        #expect(try active("layers", ["optimizer": "adam"]))
    }

    @Test func childFollowsItsParentsValue() throws {
        #expect(try active("momentum", ["optimizer": "sgd"]))
        #expect(try active("momentum", ["optimizer": "rmsprop"]))
        #expect(try !active("momentum", ["optimizer": "adam"]))
        #expect(try !active("momentum", [:]))
        #expect(try active("beta1", ["optimizer": "adam"]))
    }

    @Test func nestedChildNeedsItsWholeChainActive() throws {
        #expect(try active("dampening", ["optimizer": "sgd", "nesterov": false]))
        #expect(try !active("dampening", ["optimizer": "sgd", "nesterov": true]))
        // nesterov is present but inactive (optimizer is adam), so dampening is inactive too.
        #expect(try !active("dampening", ["optimizer": "adam", "nesterov": false]))
    }

    @Test func numbersMatchByValue() throws {
        #expect(try active("dropout2", ["layers": 3]))
        #expect(try active("dropout2", ["layers": 3.0]))
        #expect(try active("dropout2", ["layers": 4]))
        #expect(try !active("dropout2", ["layers": 2]))
        #expect(try !active("dropout2", ["layers": "3"]))
    }

    @Test func maskListsEveryParameterInOrder() {
        let config = SpaceFixtures.config(["optimizer": "sgd", "momentum": 0.5, "nesterov": false, "dampening": 0.1, "layers": 1])
        #expect(space.activeMask(config) == [true, true, true, true, false, true, false])
        let adam = SpaceFixtures.config(["optimizer": "adam", "beta1": 0.9, "layers": 4, "dropout2": 0.2])
        #expect(space.activeMask(adam) == [true, false, false, false, true, true, true])
    }

    @Test func conditionOnAParameterOutsideTheSpaceNeverHolds() {
        let stranger = Parameter(
            name: "z", kind: .int(low: 0, high: 1, log: false, step: nil),
            condition: Parameter.Condition(parent: "missing", values: [1]))
        #expect(!space.isActive(stranger, in: SpaceFixtures.config(["missing": 1])))
    }
}
