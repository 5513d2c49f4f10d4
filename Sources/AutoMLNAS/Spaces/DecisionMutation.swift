import AutoMLNumerics

/// Small helpers for changing decisions.
public enum DecisionMutation {
    /// A value in `0..<choices` other than `current`, uniform over the others (any value when
    /// `current` is out of range; 0 when `choices` < 2).
    public static func differentValue(from current: Int, choices: Int, using rng: inout SeededGenerator) -> Int {
        guard choices >= 2 else { return 0 }
        guard (0..<choices).contains(current) else { return rng.nextInt(below: choices) }
        let draw = rng.nextInt(below: choices - 1)
        return draw >= current ? draw + 1 : draw
    }
}
