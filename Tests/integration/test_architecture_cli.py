"""`automl architecture`: a decision vector kept from a search becomes a trainable network.

A search keeps an architecture as its decisions (session/trials, `bench nas` rows). The command
must print the same architecture the strategy handed out (schema-valid, the genotype reading
the decisions), its model must train with `automl train`, and a bad vector must be refused with
the offending element named and a non-zero exit.
"""

import json
import subprocess

import jsonschema

from integration_support import ROOT

SCHEMA = json.loads((ROOT / "schemas" / "architecture.schema.json").read_text())
SPACE = {"kind": "nasnet", "blocks": 2, "channels": 2, "reductions": 1,
         "primitives": ["identity", "conv3", "sepconv3", "maxpool3"], "combiners": ["add", "concat"]}
# Per block: input 0, primitive 1, input 1, primitive 2, combiner.
DECISIONS = [0, 1, 1, 2, 0, 2, 3, 0, 0, 1,
             1, 0, 0, 3, 1, 0, 2, 2, 1, 0]


def render(binary, decisions, *extra):
    return subprocess.run([binary, "architecture", "--space", json.dumps(SPACE), "--decisions", json.dumps(decisions), *extra],
                          capture_output=True, text=True, timeout=60)


def test_rendered_architecture_matches_its_decisions_and_trains(binary):
    done = render(binary, DECISIONS)
    assert done.returncode == 0, done.stderr
    architecture = json.loads(done.stdout)
    jsonschema.Draft7Validator(SCHEMA).validate(architecture)
    assert architecture["decisions"] == DECISIONS
    rows = architecture["genotype"]["normal"] + architecture["genotype"]["reduction"]
    for k, row in enumerate(rows):
        d = DECISIONS[5 * k: 5 * k + 5]
        assert row == [d[0], SPACE["primitives"][d[1]], d[2], SPACE["primitives"][d[3]], SPACE["combiners"][d[4]]]

    model_only = render(binary, DECISIONS, "--model-only")
    assert json.loads(model_only.stdout) == architecture["model"]
    config = {"model": architecture["model"], "epochs": 1, "batchSize": 100, "seed": 0}
    trained = subprocess.run([binary, "train", "--dataset", "mnist1d", "--quiet", "--config", json.dumps(config)],
                             capture_output=True, text=True, timeout=600)
    assert trained.returncode == 0, trained.stderr
    result = json.loads(trained.stdout)
    assert result["parameters"] > 0 and 0 <= result["testAccuracy"] <= 1


def test_a_bad_decision_vector_is_refused_naming_the_element(binary):
    bad = list(DECISIONS)
    bad[19] = 2  # the reduction cell's last combiner: two choices
    done = render(binary, bad)
    assert done.returncode != 0 and done.stdout == ""
    assert "decisions[19]" in done.stderr and "reduction.block1.combine" in done.stderr
    short = render(binary, DECISIONS[:-1])
    assert short.returncode != 0 and "takes 20 decisions, not 19" in short.stderr
