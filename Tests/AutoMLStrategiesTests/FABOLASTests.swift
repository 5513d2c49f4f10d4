import AutoMLEngine
import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace
import Foundation
import Testing
@testable import AutoMLStrategies

/// FABOLAS: its kernel, likelihood and acquisition against closed forms, and its behaviour
/// through a real session.
@Suite struct FABOLASTests {
    static let hyper = FidelityHyperparameters(inverseSquaredLengthscales: [4, 0.7], offset: 0.8, slope: 0.3, noise: 0.01)
    static let categorical = [false, true]

    static func matern(_ a: [Double], _ b: [Double]) -> Double {
        let r = ((a[0] - b[0]) * (a[0] - b[0]) * 4 + (a[1] == b[1] ? 0 : 0.7)).squareRoot()
        return (1 + 5.0.squareRoot() * r + 5 * r * r / 3) * exp(-5.0.squareRoot() * r)
    }

    // MARK: - Kernel, likelihood, posterior

    @Test func sizeKernelEqualsTheBayesianLinearRegressionClosedForm() {
        let decay = FidelityKernel(hyperparameters: Self.hyper, categorical: Self.categorical, basis: .decay)
        let linear = FidelityKernel(hyperparameters: Self.hyper, categorical: Self.categorical, basis: .linear)
        let a: [Double] = [0.2, 1], b: [Double] = [0.7, 0]
        for (t, u) in [(0.0, 0.0), (0.25, 1.0), (0.6, 0.3), (1.0, 1.0)] {
            // φ̃(t)ᵀ diag(a, b) φ̃(u) with φ̃ = (1, (1 - t)²) for the loss and (1, t) for the cost.
            let lossFactor = 0.8 * 1 * 1 + 0.3 * pow(1 - t, 2) * pow(1 - u, 2)
            let costFactor = 0.8 + 0.3 * t * u
            #expect(abs(decay(a, t, b, u) - Self.matern(a, b) * lossFactor) < 1e-12)
            #expect(abs(linear(a, t, b, u) - Self.matern(a, b) * costFactor) < 1e-12)
        }
        // At the full data set the loss kernel no longer depends on the other point's size.
        #expect(abs(decay(a, 1, b, 0.1) - decay(a, 1, b, 0.9)) < 1e-15)
        let block = decay.crossCovariance(a + b, [0.2, 0.9], b, [0.4])
        #expect(abs(block[0] - decay(a, 0.2, b, 0.4)) < 1e-12)
        #expect(abs(block[1] - decay(b, 0.9, b, 0.4)) < 1e-12)
    }

    static let points: [Double] = [0.1, 0, 0.5, 2, 0.9, 0, 0.3, 1, 0.6, 2]
    static let sizes: [Double] = [0, 0.5, 1, 0.25, 1]
    static let targets: [Double] = [0.5, -1.0, 0.3, 1.2, -0.4]

    @Test func likelihoodGradientMatchesFiniteDifferences() {
        let likelihood = FidelityLikelihood(
            x: Self.points, phi: Self.sizes.map { FidelityKernel.Basis.decay($0) }, y: Self.targets, categorical: Self.categorical)
        let raw = Self.hyper.raw
        var gradient: [Double] = []
        _ = likelihood.negativeLogPosterior(raw: raw, gradient: &gradient)
        var unused: [Double] = []
        for k in raw.indices {
            var up = raw, down = raw
            up[k] += 1e-6
            down[k] -= 1e-6
            let numeric = (likelihood.negativeLogPosterior(raw: up, gradient: &unused) - likelihood.negativeLogPosterior(raw: down, gradient: &unused)) / 2e-6
            #expect(abs(numeric - gradient[k]) < 1e-5 * max(1, abs(numeric)), "coordinate \(k)")
        }
    }

    @Test func posteriorAcrossSizesMatchesTheDirectFormulas() throws {
        let process = try FidelityProcess(x: Self.points, t: Self.sizes, y: Self.targets, hyperparameters: Self.hyper, categorical: Self.categorical, basis: .decay)
        let kernel = process.kernel
        let n = Self.sizes.count
        func row(_ i: Int) -> [Double] { Array(Self.points[(2 * i)..<(2 * i + 2)]) }
        var c = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n { c[i * n + j] = kernel(row(i), Self.sizes[i], row(j), Self.sizes[j]) + (i == j ? 0.01 : 0) }
        }
        let inverse = try CholeskyFactorization(symmetric: c, dimension: n).inverse()
        let x: [Double] = [0.45, 1]
        let projection = process.project(x, count: 1)
        for (t, u) in [(0.0, 1.0), (0.5, 0.5), (1.0, 1.0), (0.3, 0.8)] {
            let kt = (0..<n).map { kernel(row($0), Self.sizes[$0], x, t) }
            let ku = (0..<n).map { kernel(row($0), Self.sizes[$0], x, u) }
            var mean = 0.0, explained = 0.0
            for i in 0..<n {
                for j in 0..<n {
                    mean += kt[i] * inverse[i, j] * Self.targets[j]
                    explained += kt[i] * inverse[i, j] * ku[j]
                }
            }
            #expect(abs(process.mean(projection, 0, at: t) - mean) < 1e-9)
            #expect(abs(process.covariance(projection, 0, t, u) - (kernel(x, t, x, u) - explained)) < 1e-9)
        }
    }

    // MARK: - Information gain

    @Test func informationGainIsMaxValueEntropySearchAtFullCorrelationAndZeroWithout() {
        for gamma in [-1.5, 0.0, 0.7, 2.5] {
            let mes = 0.5 * gamma * NormalDistribution.hazardOfLowerTail(gamma) - NormalDistribution.logCDF(gamma)
            #expect(abs(FidelityInformationGain.gain(gamma: gamma, rho: 1) - mes) < 1e-12)
            #expect(FidelityInformationGain.gain(gamma: gamma, rho: 0) == 0)
            // Almost perfectly correlated observations carry almost all of it (the gap closes like
            // √(1 - ρ²), here 1.4e-3).
            #expect(abs(FidelityInformationGain.gain(gamma: gamma, rho: 0.999999) - mes) < 5e-3 * max(mes, 1))
        }
    }

    /// `I = ½ρ²γλ - log Φ(γ) + ∫ q log Φ(η)` integrated here on a fine uniform grid.
    static func bruteForceGain(gamma: Double, rho: Double) -> Double {
        let s = (1 - rho * rho).squareRoot()
        let logTail = NormalDistribution.logCDF(gamma)
        var integral = 0.0
        let h = 1e-4
        var u = -12.0
        while u < 12 {
            let logPhi = NormalDistribution.logCDF((gamma + rho * u) / s)
            integral += exp(NormalDistribution.logPDF(u) + logPhi - logTail) * logPhi * h
            u += h
        }
        return 0.5 * rho * rho * gamma * NormalDistribution.hazardOfLowerTail(gamma) - logTail + integral
    }

    @Test func informationGainMatchesABruteForceIntegralAndGrowsWithCorrelation() {
        for gamma in [-2.0, 0.3, 1.8] {
            var previous = 0.0
            for rho in [0.2, 0.5, 0.8, 0.95, 0.995] {
                let gain = FidelityInformationGain.gain(gamma: gamma, rho: rho)
                let reference = Self.bruteForceGain(gamma: gamma, rho: rho)
                #expect(abs(gain - reference) < 1e-4 * max(1, reference), "γ \(gamma), ρ \(rho)")
                #expect(gain > previous)
                previous = gain
            }
        }
    }

    // MARK: - Through a session

    static let space: JSON = ["params": [["name": "x", "type": "float", "low": 0.0, "high": 1.0]]]

    /// A loss whose optimum moves with the subset size: x = 0.3 on the smallest subsets, 0.7 on
    /// the full data set (`t` the log-scaled size, as the model sees it).
    static func shiftingLoss(_ x: Double, budget: Double, minBudget: Double) -> Double {
        let t = log(budget / minBudget) / log(1 / minBudget)
        let decay = (1 - t) * (1 - t)
        return (x - 0.7 + 0.4 * decay) * (x - 0.7 + 0.4 * decay) + 0.5 * decay
    }

    static func session(_ options: JSON, seed: UInt64 = 3) async throws -> Session {
        try await Engine(dataDir: nil).create(CreateRequest(strategy: "fabolas", options: options, space: SearchSpace(json: space, path: "space"), seed: seed))
    }

    static let cheap: JSON = ["initialConfigurations": 4, "candidates": 48, "minimumSamples": 4, "fitRestarts": 1]

    @Test func budgetsAreDataFractionsAndTheDesignUsesThePapersSubsets() async throws {
        let session = try await Self.session(Self.cheap)
        var trials: [TrialRecord] = []
        for _ in 0..<12 {
            let trial = try #require(try await session.ask(count: 1, clientId: nil).trials.first)
            trials.append(trial)
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [0.5], budget: nil, cost: nil)
        }
        // Four configurations at 1/256 of the data, the same four at 1/128, then at 1/64
        // (maxBudget 1: the budget is the fraction).
        let expected = [256.0, 128, 64].flatMap { Array(repeating: 1 / $0, count: 4) }
        for (trial, fraction) in zip(trials, expected) {
            #expect(abs((trial.budget ?? 0) - fraction) < 1e-12 * fraction)
        }
        #expect(trials[4..<8].map(\.config) == trials[0..<4].map(\.config))
        #expect(trials[8..<12].map(\.config) == trials[0..<4].map(\.config))
        // A batch never hands out a config that is already running.
        let batch = try await Self.session(Self.cheap, seed: 4).ask(count: 12, clientId: nil).trials
        #expect(Set(batch.map(\.config)).count == 12)
        #expect(batch.allSatisfy { ($0.budget ?? 0) > 0 && ($0.budget ?? 2) <= 1 })
    }

    @Test func spendsItsEarlyBudgetOnSmallSubsetsAndFindsTheFullDataOptimum() async throws {
        let minBudget = 1.0 / 512
        let session = try await Self.session(Self.cheap)
        var spentSmall = 0.0, spent = 0.0
        for _ in 0..<36 {
            let trial = try #require(try await session.ask(count: 1, clientId: nil).trials.first)
            let budget = try #require(trial.budget)
            let x = try #require(trial.config["x"]?.doubleValue)
            spent += budget
            if budget < 0.1 { spentSmall += budget }
            _ = try await session.tell(
                trialId: trial.id, state: .complete, values: [Self.shiftingLoss(x, budget: budget, minBudget: minBudget)], budget: nil, cost: nil)
        }
        // Most of the budget went to subsets under a tenth of the data...
        #expect(spentSmall > 0.5 * spent)
        // ...and the predicted incumbent at s = 1 is near the full-data optimum (0.7), not the
        // small-subset one (0.3).
        let state = try #require(await session.status()["strategy"]?["state"])
        let incumbent = try #require(state["incumbent"]?["x"]?.doubleValue)
        #expect(abs(incumbent - 0.7) < 0.1)
    }

    @Test func abandonedDesignTrialsComeBackAndFailuresAreIgnored() async throws {
        let session = try await Self.session(Self.cheap)
        let first = try await session.ask(count: 4, clientId: nil).trials
        _ = try await session.tell(trialId: first[0].id, state: .failed, values: nil, budget: nil, cost: nil)
        _ = try await session.abandon(trialId: first[1].id)
        for trial in first[2...] {
            _ = try await session.tell(trialId: trial.id, state: .complete, values: [0.5], budget: nil, cost: 1)
        }
        let retry = try #require(try await session.ask(count: 1, clientId: nil).trials.first)
        #expect(retry.config == first[1].config)
        #expect(retry.budget == first[1].budget)
        // Through the rest of the design and into the model with failures mixed in.
        for round in 0..<14 {
            let trials = try await session.ask(count: 2, clientId: nil).trials
            #expect(trials.count == 2)
            for trial in trials {
                let x = trial.config["x"]?.doubleValue ?? 0
                if round % 3 == 0 {
                    _ = try await session.tell(trialId: trial.id, state: .failed, values: nil, budget: nil, cost: nil)
                } else {
                    _ = try await session.tell(trialId: trial.id, state: .complete, values: [x * x], budget: nil, cost: nil)
                }
            }
        }
        let state = try #require(await session.status()["strategy"]?["state"])
        #expect((state["modelSuggestions"]?.intValue ?? 0) > 0)
    }

    @Test func incumbentIsEvaluatedAtTheFullBudgetWhenAsked() async throws {
        let options: JSON = [
            "initialConfigurations": 4, "candidates": 48, "minimumSamples": 4, "fitRestarts": 1,
            "incumbentInterval": 2, "maxBudget": 729, "minBudget": 9,
        ]
        let session = try await Self.session(options)
        var incumbentTrials: [TrialRecord] = []
        for _ in 0..<24 {
            let trial = try #require(try await session.ask(count: 1, clientId: nil).trials.first)
            if trial.tag == .string("incumbent") { incumbentTrials.append(trial) }
            let budget = try #require(trial.budget)
            #expect(budget >= 9 && budget <= 729)
            _ = try await session.tell(
                trialId: trial.id, state: .complete, values: [Self.shiftingLoss(trial.config["x"]?.doubleValue ?? 0, budget: budget / 729, minBudget: 9.0 / 729)],
                budget: nil, cost: nil)
        }
        #expect(!incumbentTrials.isEmpty)
        #expect(incumbentTrials.allSatisfy { $0.budget == 729 })
        #expect(Set(incumbentTrials.map(\.config)).count == incumbentTrials.count)
    }

    @Test func badBudgetsAreNamed() async throws {
        await #expect(throws: JSONFieldError(path: "params.strategy.options.minBudget", reason: "expected a positive number no larger than maxBudget (1.0)")) {
            _ = try await Self.session(["minBudget": 2])
        }
        await #expect(throws: JSONFieldError.self) {
            _ = try await Self.session(["gridSize": 0])
        }
    }
}
