import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import Foundation
import Testing
@testable import AutoMLStrategies

/// The Yeo-Johnson output warping.
@Suite struct GPOutputWarpingTests {
    @Test func lambdaOneIsTheIdentityAndTheLimitsAreLogarithms() {
        for y in [-3.0, -0.5, 0, 0.7, 12] {
            #expect(abs(YeoJohnson.transform(y, lambda: 1) - y) < 1e-12)
        }
        // λ → 0 on the positive side and λ → 2 on the negative side are logarithms.
        #expect(abs(YeoJohnson.transform(3, lambda: 0) - log(4)) < 1e-12)
        #expect(abs(YeoJohnson.transform(3, lambda: 1e-7) - log(4)) < 1e-6)
        #expect(abs(YeoJohnson.transform(-3, lambda: 2) + log(4)) < 1e-12)
        #expect(abs(YeoJohnson.transform(-3, lambda: 2 - 1e-7) + log(4)) < 1e-6)
    }

    @Test(arguments: [-2.0, -0.5, 0, 0.5, 1, 1.7, 2, 3])
    func everyTransformIsIncreasing(_ lambda: Double) {
        let ys = stride(from: -5.0, through: 5, by: 0.25).map { $0 }
        let ts = ys.map { YeoJohnson.transform($0, lambda: lambda) }
        for i in 1..<ts.count { #expect(ts[i] > ts[i - 1]) }
    }

    @Test func fitCompressesALongUpperTailAndLeavesGaussianDataAlone() {
        var rng = SeededGenerator(seed: 2)
        let gaussian = (0..<400).map { _ in rng.nextGaussian() }
        let lognormal = GPTrainingSet.standardize(gaussian.map { exp(1.5 * $0) }).values
        let normal = GPTrainingSet.standardize(gaussian).values
        #expect(YeoJohnson.fit(lognormal) < 0.5)
        #expect(abs(YeoJohnson.fit(normal) - 1) < 0.3)
        #expect(YeoJohnson.fit([1, 2]) == 1)
    }

    @Test func warpingCanBeTurnedOff() async throws {
        let space: JSON = ["params": [["name": "x", "type": "float", "low": 0.0, "high": 1.0]]]
        let trials = (0..<12).map { i -> TrialRecord in
            let x = Double(i) / 11
            return TrialRecord(id: i, state: .complete, config: ["x": .double(x)], values: [exp(8 * x)])
        }
        let encoding = GPSpaceEncoding(space: try SearchSpace(json: space, path: "space"))
        let plain = GPTrainingSet(trials: trials, objective: Objective(name: "v"), encoding: encoding, warp: false)
        let warped = GPTrainingSet(trials: trials, objective: Objective(name: "v"), encoding: encoding, warp: true)
        // Both standardized; the warped one spreads the low (good) losses further apart.
        #expect(abs(plain.standardized.reduce(0, +)) < 1e-9)
        #expect(abs(warped.standardized.reduce(0, +)) < 1e-9)
        #expect(warped.standardized[1] - warped.standardized[0] > 5 * (plain.standardized[1] - plain.standardized[0]))
    }
}
