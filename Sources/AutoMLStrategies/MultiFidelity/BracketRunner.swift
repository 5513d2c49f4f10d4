import AutoMLJSON

/// Runs successive-halving brackets one after another (or side by side), drawing new
/// configurations from a sampler: the engine shared by successive halving, Hyperband and BOHB.
///
/// Brackets take their shapes from `shapes`, in order, cycling. The oldest bracket with work
/// hands out first. When every bracket is waiting for results, a synchronous runner answers
/// `waiting`; one with `parallelBrackets` starts the next bracket instead, so no worker idles
/// (as HpBandSter runs iterations in parallel).
struct BracketRunner<Sampler: BracketSampler>: Sendable {
    let shapes: [BudgetSchedule.Bracket]
    let parallelBrackets: Bool
    let objective: Objective
    var sampler: Sampler
    private(set) var brackets: [RungBracket] = []
    private(set) var started = 0

    init(shapes: [BudgetSchedule.Bracket], parallelBrackets: Bool, objective: Objective, sampler: Sampler) {
        self.shapes = shapes
        self.parallelBrackets = parallelBrackets
        self.objective = objective
        self.sampler = sampler
    }

    mutating func ask(_ count: Int, context: inout StrategyContext) -> AskOutcome {
        var suggestions: [Suggestion] = []
        while suggestions.count < count {
            if let index = brackets.firstIndex(where: \.hasWork) {
                let draw = brackets[index].needsDraw ? sampler.draw(budget: brackets[index].budget, context: &context) : nil
                if let suggestion = brackets[index].next(drawn: draw) { suggestions.append(suggestion) }
            } else if brackets.isEmpty || parallelBrackets {
                brackets.append(RungBracket(number: started, shape: shapes[started % shapes.count]))
                started += 1
            } else {
                break
            }
        }
        return AskOutcome(suggestions, waiting: suggestions.isEmpty)
    }

    /// A finished trial: the sampler learns from it, its bracket may promote.
    mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        let loss = trial.state == .complete ? trial.values?.first.map(objective.loss) : nil
        sampler.observe(trial, loss: loss, context: &context)
        guard let number = trial.tag?["bracket"]?.intValue, let index = brackets.firstIndex(where: { $0.number == number }) else { return }
        brackets[index].finish(trial, loss: loss)
        brackets.removeAll(where: \.isDone)
    }

    mutating func abandon(_ trial: TrialRecord) {
        guard let number = trial.tag?["bracket"]?.intValue, let index = brackets.firstIndex(where: { $0.number == number }) else { return }
        brackets[index].giveBack(trial)
    }

    func status() -> JSON {
        .object([
            "bracketsStarted": .int(Int64(started)),
            "active": .array(brackets.map { ["bracket": .int(Int64($0.number)), "rung": .int(Int64($0.rung)), "budget": .double($0.budget)] }),
            "sampler": sampler.status(),
        ])
    }
}
