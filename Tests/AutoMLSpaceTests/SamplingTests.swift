import AutoMLJSON
import AutoMLNumerics
import Testing
@testable import AutoMLSpace

@Suite struct SamplingTests {
    @Test func samplesRespectBoundsStepsAndTypes() throws {
        let space = try SpaceFixtures.mixed()
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<300 {
            let config = space.sample(using: &rng)
            #expect(config.keys == space.parameters.map(\.name))
            let lr = try #require(config["lr"]?.doubleValue)
            #expect(lr >= 1e-5 && lr <= 0.1)
            guard case .double(let dropout) = config["dropout"] else { Issue.record("dropout not a real"); continue }
            #expect(dropout >= 0 && dropout <= 0.5)
            let momentum = try #require(config["momentum"]?.doubleValue)
            #expect([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].contains(momentum), "\(momentum)")
            guard case .int(let layers) = config["layers"] else { Issue.record("layers not an int"); continue }
            #expect((1...6).contains(layers))
            guard case .int(let units) = config["units"] else { Issue.record("units not an int"); continue }
            #expect((8...1024).contains(units))
            guard case .int(let batch) = config["batch"] else { Issue.record("batch not an int"); continue }
            #expect((16...256).contains(batch) && batch % 16 == 0)
            let choices: [JSON] = ["relu", "tanh", 3, 2.5, true, .null]
            #expect(choices.contains(config["activation"] ?? "?"))
            #expect([32, 64, 128].contains(config["width"]?.intValue ?? 0))
        }
    }

    @Test func everyDiscreteValueIsReachedIncludingTheBounds() throws {
        let space = try SpaceFixtures.mixed()
        var rng = SeededGenerator(seed: 2)
        var layers = Set<Int64>()
        var batches = Set<Int64>()
        var momenta = Set<Double>()
        for _ in 0..<400 {
            let config = space.sample(using: &rng)
            layers.insert(config["layers"]?.intValue ?? -1)
            batches.insert(config["batch"]?.intValue ?? -1)
            momenta.insert(config["momentum"]?.doubleValue ?? -1)
        }
        #expect(layers == Set(1...6))
        #expect(batches == Set(stride(from: 16, through: 256, by: 16)))
        #expect(momenta.count == 9 && momenta.contains(0.1) && momenta.contains(0.9))
    }

    @Test func logParametersAreUniformInLogSpace() throws {
        let space = try SpaceFixtures.space(
            ["name": "lr", "type": "float", "low": 1e-6, "high": 1, "log": true],
            ["name": "n", "type": "int", "low": 1, "high": 10000, "log": true])
        var rng = SeededGenerator(seed: 3)
        let n = 4000
        var lrBelow = 0
        var nBelow = 0
        for _ in 0..<n {
            let config = space.sample(using: &rng)
            if (config["lr"]?.doubleValue ?? 1) < 1e-3 { lrBelow += 1 }
            if (config["n"]?.intValue ?? 10000) <= 100 { nBelow += 1 }
        }
        // Log-uniform: half the mass below the geometric midpoint (linear sampling would give 0.1%).
        #expect(abs(Double(lrBelow) / Double(n) - 0.5) < 0.04)
        // ln(100.5 / 0.5) / ln(10000.5 / 0.5) = 0.536
        #expect(abs(Double(nBelow) / Double(n) - 0.536) < 0.04)
    }

    @Test func intsAreUniformOverTheirValues() throws {
        let space = try SpaceFixtures.space(["name": "k", "type": "int", "low": 0, "high": 3])
        var rng = SeededGenerator(seed: 4)
        var counts = [Int](repeating: 0, count: 4)
        for _ in 0..<4000 { counts[Int(space.sample(using: &rng)["k"]?.intValue ?? 0)] += 1 }
        for count in counts { #expect(abs(count - 1000) < 100, "\(counts)") }
    }

    @Test func sameSeedGivesTheSameConfigs() throws {
        let space = try SpaceFixtures.conditional()
        var a = SeededGenerator(seed: 42)
        var b = SeededGenerator(seed: 42)
        var c = SeededGenerator(seed: 43)
        let first = (0..<20).map { _ in space.sample(using: &a) }
        let second = (0..<20).map { _ in space.sample(using: &b) }
        let third = (0..<20).map { _ in space.sample(using: &c) }
        #expect(first == second)
        #expect(first != third)
    }

    @Test func onlyActiveParametersAreDrawnAndPresent() throws {
        let space = try SpaceFixtures.conditional()
        var rng = SeededGenerator(seed: 5)
        var sawDampening = false
        var sawBeta = false
        for _ in 0..<200 {
            let config = space.sample(using: &rng)
            let mask = space.activeMask(config)
            for (parameter, active) in zip(space.parameters, mask) {
                #expect((config[parameter.name] != nil) == active, "\(parameter.name) in \(config.keys)")
            }
            #expect(config.keys == space.parameters.map(\.name).filter { config[$0] != nil }, "declaration order")
            if config["dampening"] != nil {
                sawDampening = true
                #expect(config["optimizer"] == "sgd" && config["nesterov"] == false)
            }
            if config["beta1"] != nil { sawBeta = true }
            if config["optimizer"] == "adam" { #expect(config["momentum"] == nil && config["nesterov"] == nil) }
        }
        #expect(sawDampening && sawBeta)
    }

    @Test func eachActiveParameterConsumesExactlyOneDraw() throws {
        let space = try SpaceFixtures.conditional()
        var rng = SeededGenerator(seed: 6)
        for _ in 0..<50 {
            var reference = rng
            let config = space.sample(using: &rng)
            for _ in 0..<config.count { _ = reference.next() }
            #expect(reference == rng, "\(config.count) active parameters")
        }
    }

    @Test func sampleIsTheDecodeOfUniformDraws() throws {
        let space = try SpaceFixtures.mixed()
        var rng = SeededGenerator(seed: 7)
        var copy = rng
        let config = space.sample(using: &rng)
        let unit = (0..<space.dimension).map { _ in copy.nextUnit() }
        #expect(config == space.decode(unit))
    }
}
