import AutoMLJSON
import AutoMLNumerics
import AutoMLSpace

/// Particle swarm optimization, asynchronous: each particle is a pending trial, and it moves
/// again as soon as its own trial is told.
///
/// The swarm (`particles`, default 20) starts on a Latin hypercube of the space's unit cube,
/// each particle with a random velocity of up to half the way to a uniform point. `ask` hands
/// out idle particles in round-robin order: a particle whose position was evaluated first
/// moves by the canonical update (`Particle.step`: inertia `w`, cognitive `c₁` towards its own
/// best, social `c₂` towards the swarm's best, speed at most half the cube per coordinate,
/// absorbing walls) using the swarm's best as it is at that moment, then its new position is
/// handed out. A told trial updates the particle's and the swarm's best immediately
/// (asynchronous PSO: no generations, no waiting for the slowest particle).
///
/// When more trials are asked for than particles are idle, new particles join the swarm at
/// uniform random positions, so one trial per worker is always pending and `ask` never waits.
/// A failed or pruned trial leaves the particle's best unchanged and the particle moves on;
/// an abandoned one makes it idle at the same, still unevaluated, position. Trials the swarm
/// did not hand out (enqueued configs, warm starts) can become the swarm's best.
/// Discrete and categorical parameters are searched through their unit coordinates, and
/// conditional spaces on every coordinate, with `decode` dropping the inactive ones.
///
/// Defaults `w = 0.72`, `c₁ = c₂ = 1.49` are Clerc & Kennedy's constriction values.
///
/// References: Kennedy & Eberhart, "Particle swarm optimization", ICNN 1995; Shi & Eberhart,
/// "A modified particle swarm optimizer", 1998 (inertia); Clerc & Kennedy, "The particle
/// swarm — explosion, stability, and convergence in a multidimensional complex space", IEEE
/// TEC 2002; Carlisle & Dozier, "An off-the-shelf PSO", 2001 (asynchronous updates).
public struct ParticleSwarm: Strategy {
    public struct Options: Decodable, Sendable {
        /// Swarm size (default 20).
        public var particles: Int?
        /// Inertia weight `w` (default 0.72).
        public var inertia: Double?
        /// Cognitive coefficient `c₁` (default 1.49).
        public var cognitive: Double?
        /// Social coefficient `c₂` (default 1.49).
        public var social: Double?
    }

    public static let name = "pso"
    public static let family = "hpo"
    public static let summary = "Asynchronous particle swarm in the unit cube: each particle is a pending trial and moves when it is told."
    public static let optionsSchema: JSON = [
        "type": "object",
        "properties": [
            "particles": ["type": "integer", "minimum": 1, "maximum": 10_000, "default": 20, "description": "Swarm size (more join when more trials are pending)."],
            "inertia": ["type": "number", "minimum": 0, "maximum": 1, "default": 0.72, "description": "Share of the previous velocity kept."],
            "cognitive": ["type": "number", "minimum": 0, "maximum": 10, "default": 1.49, "description": "Pull towards the particle's own best."],
            "social": ["type": "number", "minimum": 0, "maximum": 10, "default": 1.49, "description": "Pull towards the swarm's best."],
        ],
        "additionalProperties": false,
    ]
    public static let capabilities = StrategyCapabilities(multiObjective: false)

    let space: SearchSpace
    let objective: Objective
    let swarmSize: Int
    let coefficients: Particle.Coefficients

    var particles: [Particle] = []
    /// Where the round-robin search for an idle particle starts.
    var cursor = 0
    var globalBest: (position: [Double], loss: Double)?

    public init(space: SearchSpace, objectives: [Objective], options: Options) throws {
        let path = "params.strategy.options"
        let size = options.particles ?? 20
        guard (1...10_000).contains(size) else {
            throw JSONFieldError(path: JSONPath.member(path, "particles"), reason: "expected an integer from 1 to 10000")
        }
        let inertia = try Self.coefficient(options.inertia, default: 0.72, range: 0...1, name: "inertia")
        let cognitive = try Self.coefficient(options.cognitive, default: 1.49, range: 0...10, name: "cognitive")
        let social = try Self.coefficient(options.social, default: 1.49, range: 0...10, name: "social")
        self.space = space
        self.objective = objectives.first ?? Objective.defaultList[0]
        self.swarmSize = size
        self.coefficients = Particle.Coefficients(inertia: inertia, cognitive: cognitive, social: social)
    }

    static func coefficient(_ value: Double?, default fallback: Double, range: ClosedRange<Double>, name: String) throws -> Double {
        let value = value ?? fallback
        guard value.isFinite, range.contains(value) else {
            throw JSONFieldError(
                path: JSONPath.member("params.strategy.options", name),
                reason: "expected a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    // MARK: - Ask and tell

    public mutating func ask(_ count: Int, context: inout StrategyContext) throws -> AskOutcome {
        if particles.isEmpty {
            let d = space.dimension
            particles = LatinHypercube.sample(count: swarmSize, dimension: d, using: &context.rng).map { position in
                Self.newParticle(at: position, using: &context.rng)
            }
        }
        var suggestions: [Suggestion] = []
        for _ in 0..<max(count, 0) {
            let index = nextIdle() ?? join(using: &context.rng)
            cursor = (index + 1) % particles.count
            if !particles[index].fresh { move(index, using: &context.rng) }
            particles[index].pending = true
            let tag: JSON = ["particle": .int(Int64(index)), "move": .int(Int64(particles[index].moves))]
            suggestions.append(Suggestion(config: space.decode(particles[index].position), tag: tag))
        }
        return AskOutcome(suggestions)
    }

    public mutating func tell(_ trial: TrialRecord, context: inout StrategyContext) {
        let loss = trial.state == .complete ? trial.value.map { objective.loss($0) } : nil
        guard let index = owner(of: trial) else {
            if let loss, loss.isFinite { offerGlobalBest(space.encode(trial.config), loss: loss) }
            return
        }
        particles[index].pending = false
        particles[index].fresh = false
        guard let loss, loss.isFinite else { return }
        if loss < particles[index].bestLoss {
            particles[index].bestLoss = loss
            particles[index].bestPosition = particles[index].position
        }
        offerGlobalBest(particles[index].position, loss: loss)
    }

    public mutating func abandon(_ trial: TrialRecord, context: inout StrategyContext) {
        guard let index = owner(of: trial) else { return }
        particles[index].pending = false
    }

    public func status(context: StrategyContext) -> JSON {
        var object: JSONObject = [
            "particles": .int(Int64(particles.count)),
            "pending": .int(Int64(particles.filter(\.pending).count)),
            "moves": .int(Int64(particles.reduce(0) { $0 + $1.moves })),
        ]
        if let globalBest { object["bestLoss"] = .double(globalBest.loss) }
        return .object(object)
    }

    // MARK: - Swarm

    static func newParticle(at position: [Double], using rng: inout SeededGenerator) -> Particle {
        let velocity = position.map { x in 0.5 * (rng.nextUnit() - x) }
        return Particle(position: position, velocity: velocity)
    }

    /// The first idle particle at or after the cursor, round robin.
    func nextIdle() -> Int? {
        let n = particles.count
        for offset in 0..<n where !particles[(cursor + offset) % n].pending {
            return (cursor + offset) % n
        }
        return nil
    }

    /// Adds a particle at a uniform random position; returns its index.
    mutating func join(using rng: inout SeededGenerator) -> Int {
        let position = (0..<space.dimension).map { _ in rng.nextUnit() }
        particles.append(Self.newParticle(at: position, using: &rng))
        return particles.count - 1
    }

    /// Moves particle `index` one step towards its own and the swarm's best.
    mutating func move(_ index: Int, using rng: inout SeededGenerator) {
        let particle = particles[index]
        let d = particle.position.count
        let r1 = (0..<d).map { _ in rng.nextUnit() }
        let r2 = (0..<d).map { _ in rng.nextUnit() }
        let personal = particle.bestPosition ?? particle.position
        let step = Particle.step(
            position: particle.position, velocity: particle.velocity, personalBest: personal,
            globalBest: globalBest?.position ?? personal, r1: r1, r2: r2, coefficients: coefficients)
        particles[index].position = step.position
        particles[index].velocity = step.velocity
        particles[index].moves += 1
        particles[index].fresh = true
    }

    /// The particle whose current position `trial` evaluated, if it is still out.
    func owner(of trial: TrialRecord) -> Int? {
        guard let tag = trial.tag, let number = tag["particle"]?.intValue, let index = Int(exactly: number),
            particles.indices.contains(index), particles[index].pending,
            tag["move"]?.intValue == Int64(particles[index].moves)
        else { return nil }
        return index
    }

    mutating func offerGlobalBest(_ position: [Double], loss: Double) {
        if loss < (globalBest?.loss ?? .infinity) { globalBest = (position, loss) }
    }
}
