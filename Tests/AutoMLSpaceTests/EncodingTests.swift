import AutoMLJSON
import AutoMLNumerics
import Testing
@testable import AutoMLSpace

@Suite struct EncodingTests {
    @Test func sampledConfigsSurviveTheRoundTripExactly() throws {
        for space in [try SpaceFixtures.mixed(), try SpaceFixtures.conditional()] {
            var rng = SeededGenerator(seed: 10)
            for _ in 0..<500 {
                let config = space.sample(using: &rng)
                let unit = space.encode(config)
                #expect(unit.count == space.dimension)
                #expect(unit.allSatisfy { $0 >= 0 && $0 <= 1 })
                #expect(space.decode(unit) == config, "\(config)")
            }
        }
    }

    @Test func decodedPointsSurviveTheRoundTripExactly() throws {
        let space = try SpaceFixtures.mixed()
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<300 {
            let point = (0..<space.dimension).map { _ in rng.nextUnit() }
            let config = space.decode(point)
            #expect(space.decode(space.encode(config)) == config)
        }
    }

    @Test func validConfigsOfDiscreteValuesRoundTrip() throws {
        let space = try SpaceFixtures.mixed()
        let given: JSON = [
            "lr": 0.001, "dropout": 0.25, "momentum": 0.3, "layers": 6.0, "units": 1000, "batch": 256,
            "activation": 2.5, "width": 32,
        ]
        let config = try space.validate(given, path: "config")
        let back = space.decode(space.encode(config))
        for name in ["momentum", "layers", "units", "batch", "activation", "width"] {
            #expect(back[name] == config[name], "\(name)")
        }
        #expect(back["dropout"] == config["dropout"])
        // An arbitrary real may fall between two decodable values: it comes back within ulps.
        let lr = try #require(back["lr"]?.doubleValue)
        #expect(abs(lr - 0.001) <= 1e-15)
    }

    @Test func categoricalCoordinatesAreCellCentres() throws {
        let space = try SpaceFixtures.space(["name": "c", "type": "categorical", "choices": ["a", "b", "c", "d"]])
        let parameter = space.parameters[0]
        #expect(parameter.unitValue(of: "a") == 0.125)
        #expect(parameter.unitValue(of: "d") == 0.875)
        #expect(parameter.unitValue(of: "e") == nil)
        #expect(parameter.value(fromUnit: 0) == "a")
        #expect(parameter.value(fromUnit: 0.25) == "b")
        #expect(parameter.value(fromUnit: 0.74) == "c")
        #expect(parameter.value(fromUnit: 1) == "d")
    }

    @Test func numericCoordinatesFollowTheScale() throws {
        let space = try SpaceFixtures.space(
            ["name": "x", "type": "float", "low": 2, "high": 4],
            ["name": "lr", "type": "float", "low": 1e-4, "high": 1, "log": true])
        let x = space.parameters[0]
        let lr = space.parameters[1]
        #expect(x.unitValue(of: 3) == 0.5)
        #expect(x.value(fromUnit: 0) == 2.0)
        #expect(x.value(fromUnit: 1) == 4.0)
        #expect(x.value(fromUnit: 0.25) == 2.5)
        #expect(abs((lr.unitValue(of: 0.01) ?? 0) - 0.5) < 1e-12)
        #expect(lr.value(fromUnit: 0) == 1e-4)
        #expect(lr.value(fromUnit: 1) == 1.0)
        #expect(abs((lr.value(fromUnit: 0.25).doubleValue ?? 0) - 1e-3) < 1e-15)
        #expect(x.unitValue(of: 5) == nil, "out of bounds")
    }

    @Test func intsRoundToTheNearestFeasibleValue() throws {
        let space = try SpaceFixtures.space(
            ["name": "k", "type": "int", "low": 0, "high": 4],
            ["name": "s", "type": "int", "low": 10, "high": 50, "step": 10],
            ["name": "f", "type": "float", "low": 0, "high": 1, "step": 0.25])
        let k = space.parameters[0]
        let s = space.parameters[1]
        let f = space.parameters[2]
        #expect(k.value(fromUnit: 0) == 0)
        #expect(k.value(fromUnit: 0.5) == 2)
        #expect(k.value(fromUnit: 0.79) == 3)
        #expect(k.value(fromUnit: 1) == 4)
        #expect(k.unitValue(of: 2) == 0.5)
        #expect(s.value(fromUnit: 0.5) == 30)
        #expect(s.value(fromUnit: 1) == 50)
        #expect(s.unitValue(of: 10) == 0.1)
        #expect(f.value(fromUnit: 0.3) == 0.25)
        #expect(f.value(fromUnit: 1) == 1.0)
        #expect(f.unitValue(of: 0.5) == 0.5)
    }

    @Test func logIntsRoundInValueSpace() throws {
        let space = try SpaceFixtures.space(["name": "n", "type": "int", "low": 1, "high": 1000, "log": true])
        let n = space.parameters[0]
        #expect(n.value(fromUnit: 0) == 1)
        #expect(n.value(fromUnit: 1) == 1000)
        for value in [1, 2, 3, 10, 99, 500, 999, 1000] as [Int64] {
            let u = try #require(n.unitValue(of: .int(value)))
            #expect(n.value(fromUnit: u) == .int(value))
        }
        let middle = try #require(n.value(fromUnit: 0.5).intValue)
        // The geometric midpoint of [0.5, 1000.5]: sqrt(0.5 * 1000.5) = 22.37.
        #expect(middle == 22)
    }

    @Test func decodeClampsAndToleratesBadCoordinates() throws {
        let space = try SpaceFixtures.space(
            ["name": "x", "type": "float", "low": -1, "high": 1],
            ["name": "c", "type": "ordinal", "values": ["s", "m", "l"]],
            ["name": "k", "type": "int", "low": 0, "high": 10])
        #expect(space.decode([-3, 7, .infinity]) == SpaceFixtures.config(["x": -1.0, "c": "l", "k": 10]))
        #expect(space.decode([.nan, .nan]) == SpaceFixtures.config(["x": 0.0, "c": "m", "k": 5]))
        #expect(space.decode([0.5, 0.5, 0.5, 0.9]) == SpaceFixtures.config(["x": 0.0, "c": "m", "k": 5]))
    }

    @Test func inactiveParametersGetTheFillerAndAreOmittedOnDecode() throws {
        let space = try SpaceFixtures.conditional()
        let config = SpaceFixtures.config(["optimizer": "adam", "beta1": 0.9, "layers": 2])
        let unit = space.encode(config)
        #expect(SearchSpace.inactiveFiller == 0.5)
        #expect(space.activeMask(config) == [true, false, false, false, true, true, false])
        for index in [1, 2, 3, 6] { #expect(unit[index] == 0.5) }
        #expect(space.decode(unit) == config)
        // Whatever the inactive coordinates say, they do not appear.
        var noisy = unit
        noisy[1] = 0.1
        noisy[6] = 0.9
        #expect(space.decode(noisy) == config)
    }

    @Test func childValuesAppearOnlyWhenTheDecodedParentActivatesThem() throws {
        let space = try SpaceFixtures.conditional()
        // optimizer cell 0 of 3 = sgd; nesterov cell 1 of 2 = false -> dampening active.
        let sgd = space.decode([0.1, 0.5, 0.9, 0.2, 0.5, 0.1, 0.5])
        #expect(sgd.keys == ["optimizer", "momentum", "nesterov", "dampening", "layers"])
        #expect(sgd["nesterov"] == false)
        let adam = space.decode([0.5, 0.5, 0.9, 0.2, 0.5, 0.9, 0.5])
        #expect(adam.keys == ["optimizer", "beta1", "layers", "dropout2"])
    }
}
