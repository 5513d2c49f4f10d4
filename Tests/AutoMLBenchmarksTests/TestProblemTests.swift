import AutoMLBenchmarks
import Testing

@Suite struct TestProblemTests {
    @Test func braninReachesItsOptimumAtTheThreeKnownMinimizers() {
        for x in [[-Double.pi, 12.275], [Double.pi, 2.275], [9.42478, 2.475]] {
            #expect(abs(TestProblem.branin.evaluate(x) - TestProblem.branin.optimum) < 1e-5)
        }
    }

    @Test func hartmannOptimaMatchTheLiterature() {
        let h3 = TestProblem.hartmann3.evaluate([0.114614, 0.555649, 0.852547])
        #expect(abs(h3 - TestProblem.hartmann3.optimum) < 1e-5)
        let h6 = TestProblem.hartmann6.evaluate([0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573])
        #expect(abs(h6 - TestProblem.hartmann6.optimum) < 1e-5)
    }

    @Test func rosenbrockAndAckleyAreZeroAtTheirMinimizers() {
        #expect(TestProblem.rosenbrock4.evaluate([1, 1, 1, 1]) == 0)
        #expect(abs(TestProblem.ackley10.evaluate(Array(repeating: 0, count: 10))) < 1e-12)
        #expect(TestProblem.ackley10.evaluate(Array(repeating: 1, count: 10)) > 1)
    }

    @Test func everyProblemIsNeverBelowItsOptimumOnAGrid() {
        for problem in TestProblem.all {
            let dimension = problem.spaceJSON["params"]?.arrayValue?.count ?? 0
            for k in 0...20 {
                let t = Double(k) / 20
                let x = (0..<dimension).map { i -> Double in
                    let low = problem.spaceJSON["params"]?[i]?["low"]?.doubleValue ?? 0
                    let high = problem.spaceJSON["params"]?[i]?["high"]?.doubleValue ?? 1
                    return low + (high - low) * (i % 2 == 0 ? t : 1 - t)
                }
                #expect(problem.evaluate(x) >= problem.optimum - 1e-9, "\(problem.name) at \(x)")
            }
        }
    }
}
