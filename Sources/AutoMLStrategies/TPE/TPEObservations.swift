import AutoMLJSON
import AutoMLSpace

/// What TPE remembers of finished trials, kept sorted incrementally so that an ask never sorts
/// the history: a deterministic function of the trials told so far (rebuilt by replay).
///
/// Notation: `n = count` observations (complete or pruned trials) in the order told, `D`
/// parameters, `M` objectives.
/// - `units[i * D + d]`, `active[i * D + d]`: observation `i`'s unit coordinate of parameter `d`
///   and whether the parameter was active (`n × D`).
/// - `losses[i * M + o]`: its losses (lower is better; NaN read as +inf), for complete trials.
/// - `ranking`: observations from best to worst for one objective: complete ones by loss, then
///   pruned ones by (last step reached, descending; then its value), ties by trial id.
/// - `byTrialId`: observations ordered by trial id (the age order of the weights).
/// - `sortedByDimension[d]`: observations with `d` active, ascending by coordinate then trial id.
struct TPEObservations: Sendable {
    /// How an observation ranks among the others (see `ranking`).
    struct RankKey: Sendable, Comparable {
        /// 0 complete, 1 pruned.
        var tier: Int
        var primary: Double
        var secondary: Double
        var trialId: Int

        static func < (l: RankKey, r: RankKey) -> Bool {
            (l.tier, l.primary, l.secondary, l.trialId) < (r.tier, r.primary, r.secondary, r.trialId)
        }
    }

    let dimensionCount: Int
    let objectiveCount: Int
    private(set) var count = 0
    private(set) var completeCount = 0
    private(set) var trialIds: [Int] = []
    private(set) var units: [Double] = []
    private(set) var active: [Bool] = []
    private(set) var isComplete: [Bool] = []
    private(set) var losses: [Double] = []
    private(set) var keys: [RankKey] = []
    private(set) var ranking: [Int32] = []
    private(set) var byTrialId: [Int32] = []
    private(set) var sortedByDimension: [[Int32]]
    /// Parameters active in at least one observation, and in all of them.
    private(set) var everActive: [Bool]
    private(set) var alwaysActive: [Bool]
    private(set) var groups = GroupDecomposition()

    init(dimensionCount: Int, objectiveCount: Int) {
        self.dimensionCount = dimensionCount
        self.objectiveCount = objectiveCount
        sortedByDimension = Array(repeating: [], count: dimensionCount)
        everActive = Array(repeating: false, count: dimensionCount)
        alwaysActive = Array(repeating: true, count: dimensionCount)
    }

    /// Unit coordinates and activity of `config`: a parameter counts as active only when its
    /// condition holds and the config holds a value it can take.
    static func encode(_ config: JSONObject, space: SearchSpace) -> (units: [Double], active: [Bool]) {
        let mask = space.activeMask(config)
        var units = [Double](repeating: SearchSpace.inactiveFiller, count: space.dimension)
        var active = [Bool](repeating: false, count: space.dimension)
        for (d, parameter) in space.parameters.enumerated() where mask[d] {
            if let value = config[parameter.name], let u = parameter.unitValue(of: value) {
                units[d] = u
                active[d] = true
            }
        }
        return (units, active)
    }

    /// Records a finished trial. Complete trials need one value per objective; pruned ones are
    /// ranked by their intermediate values; anything else is ignored.
    mutating func add(_ trial: TrialRecord, space: SearchSpace, objectives: [Objective]) {
        let key: RankKey
        var lossRow = [Double](repeating: .infinity, count: objectiveCount)
        switch trial.state {
        case .complete:
            guard let values = trial.values, values.count == objectiveCount else { return }
            lossRow = values.enumerated().map { o, value in
                let loss = o < objectives.count ? objectives[o].loss(value) : value
                return loss.isNaN ? .infinity : loss
            }
            key = RankKey(tier: 0, primary: lossRow.first ?? 0, secondary: 0, trialId: trial.id)
        case .pruned:
            if let last = trial.intermediate.max(by: { $0.step < $1.step }) {
                let loss = objectives.first.map { $0.loss(last.value) } ?? last.value
                key = RankKey(tier: 1, primary: -last.step, secondary: loss.isNaN ? .infinity : loss, trialId: trial.id)
            } else {
                key = RankKey(tier: 1, primary: .infinity, secondary: 0, trialId: trial.id)
            }
        default:
            return
        }
        let (rowUnits, rowActive) = Self.encode(trial.config, space: space)
        let index = count
        count += 1
        trialIds.append(trial.id)
        units.append(contentsOf: rowUnits)
        active.append(contentsOf: rowActive)
        isComplete.append(trial.state == .complete)
        if trial.state == .complete { completeCount += 1 }
        losses.append(contentsOf: lossRow)
        keys.append(key)
        ranking.insert(Int32(index), at: Self.insertionPoint(in: ranking) { keys[Int($0)] < key })
        byTrialId.insert(Int32(index), at: Self.insertionPoint(in: byTrialId) { trialIds[Int($0)] < trial.id })
        var activeIndices: [Int] = []
        for d in 0..<dimensionCount {
            alwaysActive[d] = alwaysActive[d] && rowActive[d]
            guard rowActive[d] else { continue }
            everActive[d] = true
            activeIndices.append(d)
            let u = rowUnits[d]
            let position = Self.insertionPoint(in: sortedByDimension[d]) { other in
                let v = units[Int(other) * dimensionCount + d]
                return v < u || (v == u && trialIds[Int(other)] < trial.id)
            }
            sortedByDimension[d].insert(Int32(index), at: position)
        }
        groups.add(active: activeIndices)
    }

    /// The first position of `array` whose element does not satisfy `before` (which must hold
    /// for a prefix of the array): binary search.
    static func insertionPoint(in array: [Int32], before: (Int32) -> Bool) -> Int {
        var low = 0, high = array.count
        while low < high {
            let mid = (low + high) / 2
            if before(array[mid]) { low = mid + 1 } else { high = mid }
        }
        return low
    }

}
