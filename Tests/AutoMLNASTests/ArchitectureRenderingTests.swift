import AutoMLJSON
import AutoMLNumerics
import Testing
@testable import AutoMLNAS

@Suite struct ArchitectureRenderingTests {
    static let space: JSON = ["kind": "nasnet", "blocks": 2, "channels": 4, "reductions": 1]

    @Test func renderingASampledDecisionVectorGivesTheArchitectureTheStrategyHandedOut() throws {
        let space = try ArchitectureSpaces.make(Self.space, path: "space")
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<10 {
            let decisions = space.sample(using: &generator)
            let rendered = try ArchitectureSpaces.render(space: Self.space, decisions: .array(decisions.map { .int(Int64($0)) }))
            #expect(rendered == space.architecture(decisions))
        }
    }

    @Test func withoutASpaceTheDefaultNASNetSpaceRenders() throws {
        let space = NASNetCellSpace()
        let decisions = space.choices.map { $0 - 1 }
        let rendered = try ArchitectureSpaces.render(space: nil, decisions: .array(decisions.map { .int(Int64($0)) }))
        #expect(rendered.model == space.model(decisions))
    }

    @Test(arguments: [
        (JSON.object([:]), "decisions", "expected an array of 20 integers"),
        (JSON.array([0, 1]), "decisions", "the nasnet space takes 20 decisions, not 2"),
        (JSON.array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9]), "decisions[19]", "(reduction.block1.combine)"),
        (JSON.array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5]), "decisions[19]", "expected an integer from 0 to 1"),
        (JSON.array([-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), "decisions[0]", "expected an integer from 0 to 1"),
    ])
    func aBadDecisionVectorIsAnErrorAtTheOffendingElement(decisions: JSON, path: String, reason: String) {
        #expect {
            try ArchitectureSpaces.render(space: Self.space, decisions: decisions)
        } throws: { error in
            guard let error = error as? JSONFieldError else { return false }
            return error.path == path && error.reason.contains(reason)
        }
    }

    @Test func aBadSpaceIsAnErrorUnderItsPath() {
        #expect(throws: JSONFieldError(path: "request.space.kind", reason: "unknown space \"cells\"; known: \"nasnet\", \"hierarchical\", \"mnasnet\", \"quantized\"")) {
            try ArchitectureSpaces.render(space: ["kind": "cells"], decisions: [], path: "request")
        }
    }
}
