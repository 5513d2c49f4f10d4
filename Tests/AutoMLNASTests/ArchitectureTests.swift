import AutoMLJSON
import Testing
@testable import AutoMLNAS

@Suite struct ArchitectureTests {
    @Test func decisionsSurviveTheWireForm() {
        let architecture = Architecture(space: "toy", decisions: [2, 0, 1], genotype: ["ops": ["a", "b"]], model: nil)
        #expect(Architecture.decisions(in: architecture.json) == [2, 0, 1])
    }

    @Test func decisionsAreNilWhenAnyEntryIsNotAnInteger() {
        let json: JSON = ["space": "toy", "decisions": [1, "two"]]
        #expect(Architecture.decisions(in: json) == nil)
        #expect(Architecture.decisions(in: nil) == nil)
    }
}
