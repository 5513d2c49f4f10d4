import AutoMLJSON
import AutoMLStrategies

extension TrialRecord {
    /// The trial as clients see it (`session/ask`, `session/trials`, `session/best`).
    public var json: JSON {
        var object: JSONObject = ["trialId": .int(Int64(id)), "state": .string(state.rawValue), "config": .object(config)]
        if let budget { object["budget"] = .double(budget) }
        if let resumeOf { object["resumeOf"] = .int(Int64(resumeOf)) }
        if let architecture { object["architecture"] = architecture }
        if let values {
            object["values"] = .array(values.map { .double($0) })
            if values.count == 1 { object["value"] = .double(values[0]) }
        }
        if !intermediate.isEmpty {
            object["intermediate"] = .array(intermediate.map { .object(["step": .double($0.step), "value": .double($0.value)]) })
        }
        if let cost { object["cost"] = .double(cost) }
        if let clientId { object["clientId"] = .string(clientId) }
        if let metrics { object["metrics"] = .object(metrics) }
        return .object(object)
    }

    /// What an ask event records of a trial it handed out: enough to check replay.
    var journalJSON: JSON {
        var object: JSONObject = ["trialId": .int(Int64(id)), "config": .object(config)]
        if let budget { object["budget"] = .double(budget) }
        if let resumeOf { object["resumeOf"] = .int(Int64(resumeOf)) }
        if let architecture { object["architecture"] = architecture }
        if let tag { object["tag"] = tag }
        return .object(object)
    }
}
