import AutoMLJSON
import AutoMLNumerics

extension FABOLAS {
    /// Configurations whose neighbourhoods are searched besides the Sobol candidates: the best
    /// ones by predicted loss at `s = 1`.
    static let localCenters = 5
    /// The standard deviation of a local perturbation of a numeric coordinate (unit cube).
    static let localStep = 0.1

    /// Fits the loss model (and the cost model when at least two costs were told), warm-starting
    /// both from the previous fits; nil when the loss model cannot be conditioned.
    mutating func fit(_ data: FABOLASData, generator: inout SeededGenerator) -> FABOLASModel? {
        let categorical = encoding.isCategorical
        let likelihood = FidelityLikelihood(x: data.points, phi: data.t.map { FidelityKernel.Basis.decay($0) }, y: data.standardized, categorical: categorical)
        let raw = likelihood.maximumAPosteriori(warmStart: lossFit, memory: &lossMemory, restarts: settings.fitRestarts, generator: &generator)
        lossFit = raw
        guard let loss = try? FidelityProcess(
            x: data.points, t: data.t, y: data.standardized, hyperparameters: FidelityHyperparameters(raw: raw), categorical: categorical, basis: .decay)
        else { return nil }
        var model = FABOLASModel(loss: loss, cost: nil, scale: scale)
        if data.costCount >= 2 {
            let costLikelihood = FidelityLikelihood(
                x: data.costPoints, phi: data.costT.map { FidelityKernel.Basis.linear($0) }, y: data.standardizedLogCosts, categorical: categorical)
            let costRaw = costLikelihood.maximumAPosteriori(warmStart: costFit, memory: &costMemory, restarts: settings.fitRestarts, generator: &generator)
            costFit = costRaw
            if let process = try? FidelityProcess(
                x: data.costPoints, t: data.costT, y: data.standardizedLogCosts, hyperparameters: FidelityHyperparameters(raw: costRaw),
                categorical: categorical, basis: .linear)
            {
                model.cost = (process, data.logCostSpread)
            }
        }
        return model
    }

    /// The best (configuration, size) by acquisition whose configuration is not running.
    func propose(_ model: FABOLASModel, _ data: FABOLASData, centers: [[Double]], generator: inout SeededGenerator) -> (config: JSONObject, point: [Double], t: Double)? {
        let candidates = candidatePoints(centers: centers, generator: &generator)
        let d = encoding.dimension
        let m = candidates.count / max(d, 1)
        let scored = model.score(
            candidates: candidates, count: m, references: data.points, referenceCount: data.count,
            minimumSamples: settings.minimumSamples, generator: &generator)
        for entry in scored where entry.value > -.infinity {
            let point = Array(candidates[(entry.candidate * d)..<((entry.candidate + 1) * d)])
            let config = encoding.config(point)
            if !data.pendingConfigs.contains(config) { return (config, point, entry.t) }
        }
        return nil
    }

    /// `candidates` scrambled Sobol points and a quarter as many perturbations of `centers`
    /// (numeric coordinates moved by a normal step of `localStep`, each categorical one
    /// redrawn with probability 1/d), all canonical GP points, `m × d` row-major.
    func candidatePoints(centers: [[Double]], generator: inout SeededGenerator) -> [Double] {
        let optimizer = AcquisitionOptimizer(encoding: encoding, candidates: settings.candidates, localSearches: 0, minimumValueSamples: 0)
        var points = optimizer.candidatePoints(generator: &generator)
        guard !centers.isEmpty else { return points }
        let d = encoding.dimension
        let flip = 1 / Double(max(d, 2))
        for k in 0..<max(settings.candidates / 4, 1) {
            var u = encoding.unit(centers[k % centers.count])
            for i in 0..<d {
                if encoding.isCategorical[i] {
                    if generator.nextUnit() < flip { u[i] = generator.nextUnit() }
                } else {
                    u[i] = min(max(u[i] + Self.localStep * generator.nextGaussian(), 0), 1)
                }
            }
            points.append(contentsOf: encoding.canonical(unit: u))
        }
        return points
    }
}
