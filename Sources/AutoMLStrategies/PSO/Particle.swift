/// One particle of a swarm: where it is, where it is heading, and the best place it has seen.
///
/// All vectors live in the unit cube of the search space.
struct Particle: Sendable, Hashable {
    var position: [Double]
    var velocity: [Double]
    /// The best position this particle evaluated, and its loss.
    var bestPosition: [Double]?
    var bestLoss = Double.infinity
    /// Moves made so far; the trial handed out for a position carries this number.
    var moves = 0
    /// A trial for the current position is out.
    var pending = false
    /// The current position has not been evaluated yet (new, or its trial was abandoned).
    var fresh = true

    /// The largest velocity component, in unit-cube units.
    static let maxSpeed = 0.5

    /// The constants of the velocity update.
    struct Coefficients: Sendable, Hashable {
        /// `w`: how much of the previous velocity is kept.
        var inertia: Double
        /// `c₁`: the pull towards the particle's own best position.
        var cognitive: Double
        /// `c₂`: the pull towards the swarm's best position.
        var social: Double
    }

    /// One step of the canonical PSO update, per coordinate `j`:
    ///
    ///     v'_j = w v_j + c₁ r₁_j (p_j - x_j) + c₂ r₂_j (g_j - x_j),   |v'_j| <= maxSpeed
    ///     x'_j = x_j + v'_j, clamped to [0, 1]; a clamped coordinate's velocity becomes 0
    ///
    /// with `p` the particle's best, `g` the swarm's best, and `r₁`, `r₂` uniform in `[0, 1)`.
    /// Pure, so that the formula can be checked on a crafted step.
    static func step(
        position x: [Double], velocity v: [Double], personalBest p: [Double], globalBest g: [Double],
        r1: [Double], r2: [Double], coefficients c: Coefficients
    ) -> (position: [Double], velocity: [Double]) {
        var newPosition = x
        var newVelocity = v
        for j in x.indices {
            var speed = c.inertia * v[j] + c.cognitive * r1[j] * (p[j] - x[j]) + c.social * r2[j] * (g[j] - x[j])
            speed = speed.isFinite ? min(max(speed, -maxSpeed), maxSpeed) : 0
            var coordinate = x[j] + speed
            if coordinate < 0 || coordinate > 1 {
                coordinate = min(max(coordinate, 0), 1)
                speed = 0
            }
            newPosition[j] = coordinate
            newVelocity[j] = speed
        }
        return (newPosition, newVelocity)
    }
}
