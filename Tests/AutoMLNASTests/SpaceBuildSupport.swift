import AutoMLJSON
import AutoMLNumerics
import AutoMLTrainer
import Testing
@testable import AutoMLNAS

/// Builds sampled architectures with the trainer and runs them forward, for the space tests.
enum SpaceBuildSupport {
    /// Samples `count` decision vectors, builds each with the trainer's model builder and runs
    /// a forward pass on a batch of 2; records an issue naming the first one that fails.
    static func buildsAndRuns(_ space: any ArchitectureSpace, count: Int, seed: UInt64 = 1) {
        var rng = SeededGenerator(seed: seed)
        for k in 0..<count {
            let decisions = space.sample(using: &rng)
            #expect(space.isValid(decisions))
            let description = space.model(decisions)
            let input = description.inputShape ?? []
            let features = input.reduce(1, *)
            let classes = classes(of: space)
            do {
                var generator = SeededGenerator(seed: UInt64(k))
                let model = try Model(description, features: features, classes: classes, generator: &generator)
                let batch = Tensor(shape: [2, features], scalars: (0..<(2 * features)).map { Float($0 % 7) - 3 })
                let pass = model.forward(batch, tape: Tape(), training: true, generator: &generator)
                #expect(pass.output.value.shape == [2, classes])
                #expect(pass.output.value.scalars.allSatisfy { $0.isFinite })
            } catch {
                Issue.record("\(space.kind) decisions \(decisions) do not build: \(error)")
                return
            }
        }
    }

    static func classes(of space: any ArchitectureSpace) -> Int {
        space.json["classes"]?.intValue.map { Int($0) } ?? 10
    }
}
