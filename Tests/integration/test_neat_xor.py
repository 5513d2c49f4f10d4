"""NEAT through the pipe: the daemon evolves genomes, a Python evaluator scores them on XOR.

The evaluator reads each trial's `architecture.genotype` ({nodes, connections}), runs the
feed-forward network it describes, and tells the fitness 4 - sum of squared errors (maximized).
"""

import math

from rawdaemon import line, request

POPULATION = 100
MAX_GENERATIONS = 30
SOLVED = 3.9  # squared error below 0.1 over the four cases
XOR = [((0.0, 0.0), 0.0), ((0.0, 1.0), 1.0), ((1.0, 0.0), 1.0), ((1.0, 1.0), 0.0)]


def _squash(slope):
    return lambda x: 1.0 / (1.0 + math.exp(-slope * max(min(x, 60.0), -60.0)))


ACTIVATIONS = {
    "identity": lambda x: x,
    "sigmoid": _squash(1.0),
    "steepsigmoid": _squash(4.9),
    "tanh": math.tanh,
    "relu": lambda x: max(x, 0.0),
}


def activate(genotype, inputs):
    """The outputs (in id order) of the network `genotype` describes, for one input vector."""
    nodes = {node["id"]: node for node in genotype["nodes"]}
    incoming = {node_id: [] for node_id in nodes}
    for connection in genotype["connections"]:
        if connection["enabled"]:
            incoming[connection["to"]].append((connection["from"], connection["weight"]))
    values = {}
    for k, node_id in enumerate(sorted(i for i, n in nodes.items() if n["type"] == "input")):
        values[node_id] = inputs[k]
    for node_id, node in nodes.items():
        if node["type"] == "bias":
            values[node_id] = 1.0

    def value(node_id):
        if node_id not in values:
            total = sum(weight * value(source) for source, weight in incoming[node_id])
            values[node_id] = ACTIVATIONS[nodes[node_id].get("activation", "identity")](total)
        return values[node_id]

    return [value(i) for i in sorted(i for i, n in nodes.items() if n["type"] == "output")]


def fitness(genotype):
    return 4.0 - sum((activate(genotype, inputs)[0] - target) ** 2 for inputs, target in XOR)


def test_activate_reads_the_genotype_like_the_engine():
    # out = steepsigmoid(1·x0 − 1·x1 + 0.5·bias); a disabled gene carries nothing.
    genotype = {"nodes": [{"id": 0, "type": "input"}, {"id": 1, "type": "input"}, {"id": 2, "type": "bias"},
                          {"id": 3, "type": "output", "activation": "identity"}],
                "connections": [{"innovation": 0, "from": 0, "to": 3, "weight": 1.0, "enabled": True},
                                {"innovation": 1, "from": 1, "to": 3, "weight": -1.0, "enabled": True},
                                {"innovation": 2, "from": 2, "to": 3, "weight": 0.5, "enabled": True},
                                {"innovation": 3, "from": 0, "to": 3, "weight": 9.0, "enabled": False}]}
    assert activate(genotype, (1.0, 0.0)) == [1.5]
    assert activate(genotype, (0.0, 1.0)) == [-0.5]


def test_neat_improves_xor_fitness_across_generations(daemon):
    """A known answer for seed 2: generation 0's best network is linear (fitness at most about 3,
    three cases right), and NEAT grows hidden nodes until one solves XOR, in about 15 generations."""
    created = daemon.call(1, "session/create", {
        "strategy": {"name": "neat", "options": {"populationSize": POPULATION, "inputs": 2, "outputs": 1,
                                                 "addNodeRate": 0.2, "addConnectionRate": 0.3}},
        "space": {"params": [{"name": "unused", "type": "float", "low": 0, "high": 1}]},  # a session needs one
        "objectives": [{"name": "fitness", "goal": "maximize"}],
        "seed": 2,
    })
    session = created["result"]["sessionId"]
    best_by_generation = []
    next_id = 2
    for generation in range(MAX_GENERATIONS):
        reply = daemon.call(next_id, "session/ask", {"sessionId": session, "count": POPULATION})
        next_id += 1
        trials = reply["result"]["trials"]
        assert len(trials) == POPULATION
        assert {trial["architecture"]["generation"] for trial in trials} == {generation}
        assert all(trial["architecture"]["space"] == "neat" and trial["architecture"]["decisions"] == [] for trial in trials)
        scores = [fitness(trial["architecture"]["genotype"]) for trial in trials]
        best_by_generation.append(max(scores))
        tells = []
        for trial, score in zip(trials, scores):
            tells.append(request(next_id, "session/tell", {"sessionId": session, "trialId": trial["trialId"], "value": score}))
            next_id += 1
        daemon.send(line(tells))
        replies = daemon.read_line()
        assert len(replies) == POPULATION and all("result" in r for r in replies), replies[:2]
        if max(scores) >= SOLVED:
            break

    status = daemon.call(next_id, "session/status", {"sessionId": session})["result"]
    assert status["strategy"]["state"]["generation"] == len(best_by_generation)
    assert abs(status["strategy"]["state"]["bestFitness"] - max(best_by_generation)) < 1e-9
    assert best_by_generation[0] < 3.1, best_by_generation
    assert best_by_generation[-1] >= SOLVED, best_by_generation
    winner = max(trials, key=lambda trial: fitness(trial["architecture"]["genotype"]))
    hidden = [node for node in winner["architecture"]["genotype"]["nodes"] if node["type"] == "hidden"]
    assert hidden, "XOR is not linearly separable: the solution has a hidden node"
