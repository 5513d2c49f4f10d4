import AutoMLJSON

/// One successive-halving bracket in progress: which configurations run at which rung, and
/// which move up.
///
/// Rung 0's configurations are drawn lazily, one per hand-out, so a model-based sampler sees
/// every result that arrived before it. A rung is complete when every configuration handed out
/// at it has finished (complete, failed or pruned); then the best `sizes[rung + 1]` complete ones
/// are promoted, each carrying the trial it continues (`resumeOf`). An abandoned trial's slot is
/// handed out again. Trials are recognised by their tag: `{"bracket", "rung", "slot"}`.
struct RungBracket: Sendable, Hashable {
    /// A configuration waiting to be handed out at the current rung.
    struct Entry: Sendable, Hashable {
        var slot: Int
        var config: JSONObject?
        var resumeOf: Int?
    }

    let number: Int
    let shape: BudgetSchedule.Bracket
    private(set) var rung = 0
    /// Entries of the current rung not handed out yet (rung 0's configs are drawn on hand-out).
    private(set) var queue: [Entry]
    /// Slots of the current rung handed out and not finished.
    private(set) var running: Set<Int> = []
    /// A finished slot: its trial, and its loss when complete.
    struct Result: Sendable, Hashable {
        var trialId: Int
        var loss: Double?
    }

    /// Finished slots of the current rung.
    private(set) var finished: [Int: Result] = [:]
    /// Configurations of the current rung by slot.
    private(set) var configs: [Int: JSONObject] = [:]

    init(number: Int, shape: BudgetSchedule.Bracket) {
        self.number = number
        self.shape = shape
        queue = (0..<shape.sizes[0]).map { Entry(slot: $0, config: nil, resumeOf: nil) }
    }

    var budget: Double { shape.budgets[rung] }
    var isDone: Bool { isEmptied || (rung == shape.sizes.count - 1 && queue.isEmpty && running.isEmpty) }
    /// Nothing left to run: every configuration of the current rung failed.
    private(set) var isEmptied = false
    /// Waiting for running trials before the next rung can start.
    var isWaiting: Bool { queue.isEmpty && !running.isEmpty }
    var hasWork: Bool { !queue.isEmpty }

    /// The next entry is a rung-0 slot whose configuration must be drawn first.
    var needsDraw: Bool { queue.first.map { $0.config == nil } ?? false }

    /// Hands out the next entry; `drawn` is its configuration when `needsDraw` said so.
    mutating func next(drawn: JSONObject?) -> Suggestion? {
        guard !queue.isEmpty, let config = queue[0].config ?? drawn else { return nil }
        var entry = queue.removeFirst()
        entry.config = config
        configs[entry.slot] = config
        running.insert(entry.slot)
        return Suggestion(
            config: config, budget: budget, resumeOf: entry.resumeOf,
            tag: ["bracket": .int(Int64(number)), "rung": .int(Int64(rung)), "slot": .int(Int64(entry.slot))])
    }

    /// Whether `trial` was handed out by this bracket at its current rung; returns its slot.
    func slot(of trial: TrialRecord) -> Int? {
        guard let tag = trial.tag, tag["bracket"]?.intValue == Int64(number), tag["rung"]?.intValue == Int64(rung),
            let slot = tag["slot"]?.intValue.map(Int.init), running.contains(slot)
        else { return nil }
        return slot
    }

    /// Records a finished trial of the current rung; promotes when the rung is complete.
    mutating func finish(_ trial: TrialRecord, loss: Double?) {
        guard let slot = slot(of: trial) else { return }
        running.remove(slot)
        finished[slot] = Result(trialId: trial.id, loss: loss)
        if queue.isEmpty && running.isEmpty { promote() }
    }

    /// Puts an abandoned trial's slot back at the front of the queue.
    mutating func giveBack(_ trial: TrialRecord) {
        guard let slot = slot(of: trial) else { return }
        running.remove(slot)
        queue.insert(Entry(slot: slot, config: trial.config, resumeOf: trial.resumeOf), at: 0)
    }

    private mutating func promote() {
        guard rung + 1 < shape.sizes.count else { return }
        let ranked = finished.compactMap { slot, result in result.loss.map { (slot: slot, trialId: result.trialId, loss: $0) } }
            .sorted { ($0.loss, $0.trialId) < ($1.loss, $1.trialId) }
        let keep = ranked.prefix(shape.sizes[rung + 1])
        guard !keep.isEmpty else {
            isEmptied = true
            return
        }
        let previous = configs
        rung += 1
        queue = keep.enumerated().map { index, member in
            Entry(slot: index, config: previous[member.slot], resumeOf: member.trialId)
        }
        finished = [:]
        configs = [:]
    }
}
