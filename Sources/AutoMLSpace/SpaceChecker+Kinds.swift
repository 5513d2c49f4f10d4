import AutoMLJSON

/// The rules of each parameter kind.
extension SpaceChecker {
    /// The kind, normalized (an int step of 1 dropped), or the first defect found.
    static func checkKind(_ kind: Parameter.Kind, path: String) throws(JSONFieldError) -> Parameter.Kind {
        switch kind {
        case .float(let low, let high, let log, let step):
            try checkFloat(low: low, high: high, log: log, step: step, path: path)
            return kind
        case .int(let low, let high, let log, let step):
            let step = try checkInt(low: low, high: high, log: log, step: step, path: path)
            return .int(low: low, high: high, log: log, step: step)
        case .categorical(let choices):
            try checkChoices(choices, path: JSONPath.member(path, "choices"))
            return kind
        case .ordinal(let values):
            try checkChoices(values, path: JSONPath.member(path, "values"))
            return kind
        }
    }

    private static func checkFloat(low: Double, high: Double, log: Bool, step: Double?, path: String) throws(JSONFieldError) {
        let lowPath = JSONPath.member(path, "low")
        let highPath = JSONPath.member(path, "high")
        let stepPath = JSONPath.member(path, "step")
        guard low.isFinite else { throw JSONFieldError(path: lowPath, reason: "must be a finite number") }
        guard high.isFinite else { throw JSONFieldError(path: highPath, reason: "must be a finite number") }
        guard low < high else {
            throw JSONFieldError(
                path: lowPath,
                reason: "low (\(JSONValueMatching.describe(low))) must be less than high (\(JSONValueMatching.describe(high)))")
        }
        guard (high - low).isFinite else {
            throw JSONFieldError(path: highPath, reason: "the range high - low is too large to represent")
        }
        if log && low <= 0 {
            throw JSONFieldError(
                path: lowPath, reason: "must be positive when log is true (got \(JSONValueMatching.describe(low)))")
        }
        guard let step else { return }
        if log {
            throw JSONFieldError(
                path: stepPath,
                reason: "cannot be combined with log: a step makes an evenly spaced grid, log sampling is not even; "
                    + "drop one of them")
        }
        guard step.isFinite && step > 0 else {
            throw JSONFieldError(path: stepPath, reason: "must be a positive number (got \(JSONValueMatching.describe(step)))")
        }
        let ratio = (high - low) / step
        let intervals = ratio.rounded()
        guard intervals >= 1, abs(ratio - intervals) <= Parameter.gridTolerance * intervals else {
            throw JSONFieldError(
                path: stepPath,
                reason: "does not fit the range: (high - low) / step = \(JSONValueMatching.describe(ratio)) "
                    + "must be a whole number (relative tolerance 1e-9)")
        }
        guard intervals <= Parameter.maxGridIntervals else {
            throw JSONFieldError(path: stepPath, reason: "is too small: the grid would have more than 2^52 points")
        }
    }

    /// The normalized step (nil for 1).
    private static func checkInt(low: Int64, high: Int64, log: Bool, step: Int64?, path: String) throws(JSONFieldError) -> Int64? {
        let lowPath = JSONPath.member(path, "low")
        let highPath = JSONPath.member(path, "high")
        let stepPath = JSONPath.member(path, "step")
        let limit = intBoundLimit
        guard abs(low) <= limit else {
            throw JSONFieldError(path: lowPath, reason: "must lie within ±2^53 (\(limit)), got \(low)")
        }
        guard abs(high) <= limit else {
            throw JSONFieldError(path: highPath, reason: "must lie within ±2^53 (\(limit)), got \(high)")
        }
        guard low < high else {
            throw JSONFieldError(path: lowPath, reason: "low (\(low)) must be less than high (\(high))")
        }
        if log && low <= 0 {
            throw JSONFieldError(path: lowPath, reason: "must be positive when log is true (got \(low))")
        }
        guard let step else { return nil }
        guard step > 0 else { throw JSONFieldError(path: stepPath, reason: "must be a positive integer (got \(step))") }
        if step == 1 { return nil }
        if log {
            throw JSONFieldError(
                path: stepPath,
                reason: "cannot be combined with log: a step makes an evenly spaced grid, log sampling is not even; "
                    + "drop one of them")
        }
        guard (high - low) % step == 0 else {
            throw JSONFieldError(
                path: stepPath,
                reason: "does not fit the range: high - low = \(high - low) is not a multiple of \(step)")
        }
        return step
    }

    private static func checkChoices(_ choices: [JSON], path: String) throws(JSONFieldError) {
        guard !choices.isEmpty else { throw JSONFieldError(path: path, reason: "must list at least one value") }
        var seen: [JSON: Int] = [:]
        for (index, choice) in choices.enumerated() {
            let choicePath = JSONPath.element(path, index)
            guard choice.isScalar else {
                throw JSONFieldError(
                    path: choicePath,
                    reason: "expected a scalar (string, number, boolean or null), got \(choice.typeDescription)")
            }
            if case .double(let d) = choice, !d.isFinite {
                throw JSONFieldError(path: choicePath, reason: "must be a finite number")
            }
            let key = JSONValueMatching.key(choice)
            if let earlier = seen[key] {
                throw JSONFieldError(
                    path: choicePath,
                    reason: "duplicate of \(JSONPath.element(path, earlier)) (\(JSONValueMatching.describe(choice)))")
            }
            seen[key] = index
        }
    }
}
