import AutoMLJSON
import AutoMLTrainer
import Testing

@Suite struct TrainerSearchSpaceTests {
    /// Every value each parameter can take, as a one-member config: all must decode.
    func values(of parameter: JSON) -> [JSON] {
        if let choices = parameter["choices"]?.arrayValue ?? parameter["values"]?.arrayValue { return choices }
        return [parameter["low"], parameter["high"]].compactMap { $0 }
    }

    @Test(arguments: [(TrainerSearchSpace.mlp, TrainerSearchSpace.mlpFixed), (TrainerSearchSpace.cnn1d, TrainerSearchSpace.cnn1dFixed)])
    func everyValueOfTheSuggestedSpacesIsAValidConfig(_ space: JSON, _ fixed: JSON) throws {
        let parameters = try #require(space["params"]?.arrayValue)
        #expect(!parameters.isEmpty)
        for parameter in parameters {
            let name = try #require(parameter["name"]?.stringValue)
            for value in values(of: parameter) {
                var config = fixed.objectValue ?? [:]
                config[name] = value
                #expect(throws: Never.self) { try TrainingConfig.decode(.object(config)) }
            }
        }
    }
}
