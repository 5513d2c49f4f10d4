import AutoMLStrategies

/// An evolutionary strategy that hands out architectures distinct from each other and from the
/// pending ones: each draw is repeated (up to `EvolutionPopulation.maxRedraws` times) while it
/// repeats one, and only the draw that is kept is `accept`ed (so counters of the initial phase
/// advance once per suggestion, not once per redraw).
protocol DistinctArchitectureDrawing {
    /// One candidate suggestion; may repeat an architecture already taken.
    func draw(context: inout StrategyContext) -> Suggestion
    /// The suggestion is handed out.
    mutating func accept(_ suggestion: Suggestion)
}

extension DistinctArchitectureDrawing {
    mutating func drawDistinct(_ count: Int, context: inout StrategyContext) -> [Suggestion] {
        var taken = EvolutionPopulation.pendingDecisions(context)
        var suggestions: [Suggestion] = []
        for _ in 0..<max(count, 0) {
            var suggestion = draw(context: &context)
            for _ in 0..<EvolutionPopulation.maxRedraws where taken.contains(Architecture.decisions(in: suggestion.architecture) ?? []) {
                suggestion = draw(context: &context)
            }
            accept(suggestion)
            taken.insert(Architecture.decisions(in: suggestion.architecture) ?? [])
            suggestions.append(suggestion)
        }
        return suggestions
    }
}
