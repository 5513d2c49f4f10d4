import AutoMLNumerics

/// A NEAT population evolved one generation at a time: evaluate `genomes`, then `advance`.
///
/// ```swift
/// var rng = SeededGenerator(seed: 1)
/// var population = NEATPopulation(settings: NEATSettings(), rng: &rng)
/// while population.generation < 100 {
///     let fitness = population.genomes.map { xorFitness(NEATNetwork($0)) }
///     population.advance(fitness: fitness, rng: &rng)
/// }
/// ```
///
/// `advance` applies the paper's generational step: species' best fitness and stagnation are
/// updated; stagnant species (except the one holding the generation's best genome) are
/// dropped; offspring are allotted to species in proportion to their summed adjusted fitness;
/// each species keeps its champion when larger than `elitismAbove`, breeds the rest from its
/// best `survivalThreshold` fraction (crossover then mutation, or mutation alone), and the new
/// genomes are speciated against representatives drawn from the previous generation.
public struct NEATPopulation: Sendable {
    public let settings: NEATSettings
    /// 0 for the initial population.
    public private(set) var generation = 0
    public private(set) var genomes: [NEATGenome]
    public private(set) var species: [NEATSpecies]
    public private(set) var tracker: NEATInnovationTracker
    private var nextSpeciesID = 0

    /// `populationSize` minimal genomes (inputs and bias fully connected to the outputs) with
    /// N(0, `weightInitStd`²) weights, speciated.
    public init(settings: NEATSettings, rng: inout SeededGenerator) {
        self.settings = settings
        tracker = NEATInnovationTracker(inputs: settings.inputs, outputs: settings.outputs)
        genomes = (0..<settings.populationSize).map { _ in
            NEATGenome.minimal(inputs: settings.inputs, outputs: settings.outputs, outputActivation: settings.outputActivation) { _ in
                settings.weightInitStd * rng.nextGaussian()
            }
        }
        species = []
        (species, nextSpeciesID) = NEATSpeciation.assign(genomes, to: [], nextID: 0, generation: 0, settings: settings)
    }

    /// The id of the species genome `index` belongs to.
    public func speciesID(of index: Int) -> Int? {
        species.first { $0.members.contains(index) }?.id
    }

    /// Breeds the next generation from the fitness of each genome (same order as `genomes`;
    /// nil or non-finite for a failed evaluation, which ranks below every other genome).
    public mutating func advance(fitness: [Double?], rng: inout SeededGenerator) {
        let raw: [Double] = genomes.indices.map { i in
            guard i < fitness.count, let value = fitness[i], value.isFinite else { return -.infinity }
            return value
        }
        for k in species.indices {
            let best = species[k].members.map { raw[$0] }.max() ?? -.infinity
            if best > species[k].bestFitness {
                species[k].bestFitness = best
                species[k].lastImproved = generation
            }
        }
        let champion = raw.indices.max { (raw[$0], -$0) < (raw[$1], -$1) } ?? 0
        let surviving = species.filter { s in
            s.members.contains(champion) || generation - s.lastImproved < settings.stagnationLimit
        }
        let normalized = NEATReproduction.normalized(raw.map { $0.isFinite ? $0 : nil })
        let shares = NEATReproduction.sharedFitness(normalized, species: surviving.map(\.members))
        let counts = NEATReproduction.allocate(settings.populationSize, shares: shares)

        tracker.startGeneration()
        let parentPools = surviving.map { s in parents(of: s, raw: raw) }
        var offspring: [NEATGenome] = []
        offspring.reserveCapacity(settings.populationSize)
        for (k, s) in surviving.enumerated() where counts[k] > 0 {
            var remaining = counts[k]
            if s.members.count > settings.elitismAbove, let best = parentPools[k].first {
                offspring.append(genomes[best])
                remaining -= 1
            }
            for _ in 0..<remaining {
                offspring.append(breed(pool: k, pools: parentPools, raw: raw, rng: &rng))
            }
        }

        var next = surviving.filter { !$0.members.isEmpty }
        for k in next.indices {
            let members = next[k].members
            next[k].representative = genomes[members[rng.nextInt(below: members.count)]]
        }
        generation += 1
        genomes = offspring
        (species, nextSpeciesID) = NEATSpeciation.assign(genomes, to: next, nextID: nextSpeciesID, generation: generation, settings: settings)
    }

    /// A species' parents: its best `survivalThreshold` fraction (at least one), best first.
    private func parents(of species: NEATSpecies, raw: [Double]) -> [Int] {
        let ranked = species.members.sorted { (raw[$0], -$0) > (raw[$1], -$1) }
        let keep = max(1, Int((settings.survivalThreshold * Double(ranked.count)).rounded(.up)))
        return Array(ranked.prefix(keep))
    }

    /// One non-elite child of pool `k`: crossover (with a partner from another species at the
    /// interspecies rate) then mutation, or mutation of a copy.
    private mutating func breed(pool k: Int, pools: [[Int]], raw: [Double], rng: inout SeededGenerator) -> NEATGenome {
        let pool = pools[k]
        let first = pool[rng.nextInt(below: pool.count)]
        var child: NEATGenome
        if rng.nextUnit() < settings.crossoverRate {
            var partnerPool = pool
            if pools.count > 1 && rng.nextUnit() < settings.interspeciesRate {
                let other = (k + 1 + rng.nextInt(below: pools.count - 1)) % pools.count
                partnerPool = pools[other]
            }
            let second = partnerPool[rng.nextInt(below: partnerPool.count)]
            let a = genomes[first], b = genomes[second]
            let firstIsFitter = raw[first] > raw[second]
                || (raw[first] == raw[second] && a.connections.count <= b.connections.count)
            child = NEATCrossover.child(fitter: firstIsFitter ? a : b, other: firstIsFitter ? b : a,
                                        disableRate: settings.disableInheritRate, rng: &rng)
        } else {
            child = genomes[first]
        }
        NEATMutation.mutate(&child, tracker: &tracker, settings: settings, rng: &rng)
        return child
    }
}
