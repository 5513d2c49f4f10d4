import AutoMLJSON
import AutoMLNumerics
import Testing
@testable import AutoMLSpace

/// Properties that must hold for every space, checked over spaces drawn with a fixed seed.
@Suite struct RandomSpacePropertyTests {
    /// A random valid parameter: bounds across magnitudes, decimal steps, log scales.
    static func randomParameter(_ index: Int, earlier: [Parameter], rng: inout SeededGenerator) -> Parameter {
        let name = "p\(index)"
        let kind: Parameter.Kind
        switch rng.nextInt(below: 6) {
        case 0:
            let low = (rng.nextUnit() - 0.5) * pow10(rng.nextInt(below: 7) - 3)
            kind = .float(low: low, high: low + rng.nextUnit() * 100 + 1e-3, log: false, step: nil)
        case 1:
            let low = pow10(-rng.nextInt(below: 8)) * (1 + rng.nextUnit())
            kind = .float(low: low, high: low * (2 + rng.nextUnit() * 1e4), log: true, step: nil)
        case 2:
            let step = [0.1, 0.25, 0.05, 0.001, 2.5][rng.nextInt(below: 5)]
            let low = Double(rng.nextInt(below: 21) - 10) * step
            kind = .float(low: low, high: low + Double(1 + rng.nextInt(below: 40)) * step, log: false, step: step)
        case 3:
            let low = Int64(rng.nextInt(below: 2001)) - 1000
            let step = Int64(1 + rng.nextInt(below: 5))
            kind = .int(low: low, high: low + step * Int64(1 + rng.nextInt(below: 300)), log: false, step: step)
        case 4:
            let low = Int64(1 + rng.nextInt(below: 100))
            kind = .int(low: low, high: low + Int64(1 + rng.nextInt(below: 1_000_000)), log: true, step: nil)
        default:
            let pool: [JSON] = ["a", "b", 1, 2.5, true, false, .null, "c", -7, 0.1]
            var choices = pool
            rng.shuffle(&choices)
            let count = 1 + rng.nextInt(below: pool.count)
            kind = rng.nextInt(below: 2) == 0 ? .categorical(Array(choices.prefix(count))) : .ordinal(Array(choices.prefix(count)))
        }
        var condition: Parameter.Condition?
        if let parent = earlier.filter({ $0.kind.choices != nil }).last, rng.nextInt(below: 2) == 0,
            let choices = parent.kind.choices
        {
            condition = Parameter.Condition(parent: parent.name, values: [choices[rng.nextInt(below: choices.count)]])
        }
        return Parameter(name: name, kind: kind, condition: condition)
    }

    static func randomSpaces(count: Int, seed: UInt64) throws -> [SearchSpace] {
        var rng = SeededGenerator(seed: seed)
        return try (0..<count).map { _ in
            var parameters: [Parameter] = []
            for index in 0..<(1 + rng.nextInt(below: 8)) {
                parameters.append(randomParameter(index, earlier: parameters, rng: &rng))
            }
            return try SearchSpace(parameters: parameters)
        }
    }

    @Test func samplesValidateEncodeAndPrintConsistently() throws {
        for (spaceIndex, space) in try Self.randomSpaces(count: 60, seed: 2024).enumerated() {
            #expect(try SearchSpace(json: space.json, path: "") == space, "space \(spaceIndex)")
            var rng = SeededGenerator(seed: UInt64(spaceIndex))
            for _ in 0..<40 {
                let config = space.sample(using: &rng)
                #expect(try space.validate(.object(config), path: "c") == config, "space \(spaceIndex): \(config)")
                #expect(space.decode(space.encode(config)) == config, "space \(spaceIndex): \(config)")
                for (parameter, active) in zip(space.parameters, space.activeMask(config)) where active {
                    #expect(parameter.canonicalValue(of: config[parameter.name] ?? .null) != nil, "\(parameter.name)")
                }
            }
        }
    }

    @Test func arbitraryPointsDecodeToValidConfigsThatRoundTrip() throws {
        var rng = SeededGenerator(seed: 77)
        for space in try Self.randomSpaces(count: 40, seed: 99) {
            for _ in 0..<30 {
                let point = (0..<space.dimension).map { _ in rng.nextUnit() * 1.2 - 0.1 }
                let config = space.decode(point)
                #expect(try space.validate(.object(config), path: "c") == config)
                #expect(space.decode(space.encode(config)) == config)
            }
        }
    }

    @Test func arbitraryRealsComeBackWithinAFewUlps() throws {
        let space = try SpaceFixtures.space(
            ["name": "x", "type": "float", "low": -10, "high": 3],
            ["name": "y", "type": "float", "low": 1e-7, "high": 50, "log": true])
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<300 {
            let x = -10 + 13 * rng.nextUnit()
            let y = 1e-7 * Double(1 + rng.nextInt(below: 100_000))
            let config = try space.validate(["x": .double(x), "y": .double(y)], path: "c")
            let back = space.decode(space.encode(config))
            let backX = try #require(back["x"]?.doubleValue)
            let backY = try #require(back["y"]?.doubleValue)
            #expect(abs(backX - x) <= 8 * x.ulp + 1e-15, "\(x) -> \(backX)")
            #expect(abs(backY - y) <= 64 * y.ulp, "\(y) -> \(backY)")
        }
    }

    private static func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<abs(exponent) { value *= 10 }
        return exponent < 0 ? 1 / value : value
    }
}
