"""Regularized evolution through the pipe, with the evaluator in Python.

The daemon hands out NASNet-cell architectures; the evaluator reads each trial's
`architecture` (decisions, genotype, model), scores it with a cheap synthetic fitness (how many
block operations are `sepconv3`), and tells the score. The architectures must arrive whole and
consistent with the schema, and the best score must improve well past what the random start
found.
"""

import json

import jsonschema

from integration_support import ROOT
from rawdaemon import line, request

SCHEMA = json.loads((ROOT / "schemas" / "architecture.schema.json").read_text())
SPACE = {"kind": "nasnet", "blocks": 5, "reductions": 1, "channels": 2,
         "primitives": ["identity", "conv3", "sepconv3", "maxpool3"], "combiners": ["add"]}
POPULATION = 10
ROUNDS = 15
BATCH = 8


def fitness(genotype):
    """The number of block operations that are sepconv3 (20 at most)."""
    return sum(row[1] == "sepconv3" for cell in ("normal", "reduction") for row in genotype[cell]) + \
        sum(row[3] == "sepconv3" for cell in ("normal", "reduction") for row in genotype[cell])


def check_architecture(architecture):
    jsonschema.Draft7Validator(SCHEMA).validate(architecture)
    assert architecture["space"] == "nasnet"
    assert len(architecture["decisions"]) == 50  # two cells of five blocks, five decisions each
    genotype = architecture["genotype"]
    assert len(genotype["normal"]) == 5 and len(genotype["reduction"]) == 5
    # The decisions and the genotype say the same: an operation decision indexes the primitives.
    for k, row in enumerate(genotype["normal"] + genotype["reduction"]):
        d = architecture["decisions"][5 * k: 5 * k + 5]
        assert [d[0], SPACE["primitives"][d[1]], d[2], SPACE["primitives"][d[3]]] == row[:4]
    model = architecture["model"]
    assert model["inputShape"] == [1, 40] and model["output"] == "logits"
    names = {node["name"] for node in model["nodes"]} | {"input"}
    assert all(edge["from"] in names and edge["to"] in names for edge in model["edges"])


def test_regularized_evolution_driven_by_a_python_evaluator(daemon):
    created = daemon.call(1, "session/create", {
        "strategy": {"name": "regularized-evolution", "options": {"space": SPACE, "population": POPULATION, "sample": 5}},
        "space": {"params": [{"name": "lr", "type": "float", "low": 1e-4, "high": 1e-1, "log": True}]},
        "objectives": [{"name": "fitness", "goal": "maximize"}],
        "seed": 1,
    })
    session = created["result"]["sessionId"]
    scores, next_id = [], 2
    for _ in range(ROUNDS):
        reply = daemon.call(next_id, "session/ask", {"sessionId": session, "count": BATCH})
        next_id += 1
        trials = reply["result"]["trials"]
        assert len(trials) == BATCH
        decisions = [tuple(t["architecture"]["decisions"]) for t in trials]
        assert len(set(decisions)) == BATCH, "architectures pending together are distinct"
        tells = []
        for trial in trials:
            check_architecture(trial["architecture"])
            score = fitness(trial["architecture"]["genotype"])
            scores.append(score)
            tells.append(request(next_id, "session/tell", {"sessionId": session, "trialId": trial["trialId"], "value": score}))
            next_id += 1
        daemon.send(line(tells))
        replies = daemon.read_line()
        assert len(replies) == BATCH and all("result" in r for r in replies), replies[:2]

    start, end = max(scores[:POPULATION]), max(scores)
    assert end >= start + 4, (start, end)
    status = daemon.call(next_id, "session/status", {"sessionId": session})["result"]["strategy"]["state"]
    assert status["size"] == POPULATION and status["phase"] == "evolving"
    assert status["bestLoss"] >= -end  # aging may have removed the best of all
    best = daemon.call(next_id + 1, "session/best", {"sessionId": session})["result"]["best"]
    assert best["value"] == end
    check_architecture(best["architecture"])
    assert fitness(best["architecture"]["genotype"]) == end
