import AutoMLJSON
import Testing
@testable import AutoMLSpace

@Suite struct GridTests {
    @Test func cardinalityCountsDiscreteValues() throws {
        let space = try SpaceFixtures.mixed()
        #expect(space.parameters.map(\.cardinality) == [nil, nil, 9, 6, 1017, 16, 6, 3])
    }

    @Test func discreteParametersListEveryValue() throws {
        let space = try SpaceFixtures.mixed()
        #expect(space.parameters[3].allValues(resolution: 2) == [1, 2, 3, 4, 5, 6])
        #expect(space.parameters[5].allValues(resolution: 2).first == 16)
        #expect(space.parameters[5].allValues(resolution: 2).last == 256)
        #expect(space.parameters[2].allValues(resolution: 2) == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
        #expect(space.parameters[7].allValues(resolution: 1) == [32, 64, 128])
    }

    @Test func continuousFloatsAreSpacedEvenlyIncludingBothEnds() throws {
        let space = try SpaceFixtures.space(
            ["name": "x", "type": "float", "low": 0, "high": 1],
            ["name": "lr", "type": "float", "low": 1e-4, "high": 0.1, "log": true])
        #expect(space.parameters[0].allValues(resolution: 5) == [0.0, 0.25, 0.5, 0.75, 1.0])
        #expect(space.parameters[0].allValues(resolution: 1) == [0.5])
        let lr = space.parameters[1].allValues(resolution: 4).compactMap(\.doubleValue)
        #expect(lr.count == 4 && lr.first == 1e-4 && lr.last == 0.1)
        for (value, expected) in zip(lr, [1e-4, 1e-3, 1e-2, 1e-1]) { #expect(abs(value / expected - 1) < 1e-12) }
    }

    @Test func decimalGridsKeepCleanValues() throws {
        let space = try SpaceFixtures.space(["name": "x", "type": "float", "low": -1, "high": 1, "step": 0.1])
        let values = space.parameters[0].allValues(resolution: 0).compactMap(\.doubleValue)
        #expect(values.count == 21)
        #expect(values.contains(0.3) && values.contains(-0.7) && values.contains(0))
    }
}
