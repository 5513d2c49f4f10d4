import AutoMLJSON

/// The options of the controller strategies (`nas-reinforce`, `nas-ppo`, `mnasnet`) as a client
/// writes them: one declaration, so each member is read and checked in one place
/// (`ControllerSettings(options:ppo:path:)`). A member another controller strategy takes but
/// this one does not (`epochs` for REINFORCE, `reward` for MnasNet) is refused by name
/// (`refuse`), as an unknown member would be.
public struct ControllerOptions: Decodable, Sendable {
    public var space: JSON?
    public var hiddenSize: Int?
    public var temperature: Double?
    public var tanhConstant: Double?
    public var initRange: Double?
    public var learningRate: Double?
    public var batchSize: Int?
    public var baselineDecay: Double?
    public var entropyWeight: Double?
    public var failed: String?
    /// PPO only (`nas-ppo`, `mnasnet`).
    public var epochs: Int?
    public var clipEpsilon: Double?
    /// `nas-reinforce` and `nas-ppo`: `negativeLoss` or `accuracy`.
    public var reward: String?
    /// `mnasnet` only.
    public var targetLatencyMs: Double?
    public var alpha: Double?
    public var beta: Double?

    public init() {}

    /// The members only some controller strategies take, and whether each was given.
    var strategySpecificMembers: [(name: String, given: Bool)] {
        [("epochs", epochs != nil), ("clipEpsilon", clipEpsilon != nil), ("reward", reward != nil),
         ("targetLatencyMs", targetLatencyMs != nil), ("alpha", alpha != nil), ("beta", beta != nil)]
    }

    /// Throws for the first of `members` that was given: `strategy` does not take it.
    /// - Throws: `JSONFieldError` at `<path>.<member>`.
    func refuse(_ members: Set<String>, strategy: String, path: String) throws(JSONFieldError) {
        for member in strategySpecificMembers where member.given && members.contains(member.name) {
            throw JSONFieldError(path: JSONPath.member(path, member.name), reason: "unknown member: \(strategy) does not take \(member.name)")
        }
    }
}
