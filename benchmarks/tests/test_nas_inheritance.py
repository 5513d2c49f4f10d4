"""benchmarks/nas_inheritance.py: the pairing of each trial with its nearest earlier relative and
what the pairs share, on trials whose answers are known by hand."""
import json
import math
import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import nas_inheritance as inheritance  # noqa: E402
from fake_automl import calls as logged, fake_automl  # noqa: E402

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nas_inheritance.py")

SETTINGS = {"trials": 6}


def trial(number, decisions, value, validation=0.9, test=0.9, parameters=1000, strategy="regularized-evolution",
          seed=0, options=None):
    return {"kind": "nas-trial", "strategy": strategy, "seed": seed, "number": number, "decisions": decisions,
            "parameters": parameters, "value": value, "validationAccuracy": validation, "testAccuracy": test,
            "options": options if options is not None else {"population": 2}, "settings": SETTINGS}


def test_the_nearest_earlier_relative_is_the_closest_in_decisions_and_the_latest_on_ties():
    trials = [trial(1, [0, 0, 0], 0.1), trial(2, [1, 1, 1], 0.2), trial(3, [0, 1, 1], 0.3), trial(4, [0, 0, 1], 0.4)]
    assert inheritance.nearest_earlier(trials, 3)["number"] == 3  # [0,0,0] and [0,1,1] both at 1: the latest
    assert inheritance.nearest_earlier(trials, 2)["number"] == 2  # [1,1,1] at 1, [0,0,0] at 2


def test_a_child_that_repeats_its_parents_outcome_inherits_it_fully_and_an_unrelated_one_nothing():
    # each child differs from the trial before it in one decision; the first two are the population
    parents = [trial(1, [0, 0, 0, 0], 0.5), trial(2, [5, 5, 5, 5], 0.1)]
    same = parents + [trial(3, [0, 0, 0, 1], 0.5), trial(4, [5, 5, 5, 6], 0.1), trial(5, [0, 0, 1, 1], 0.5),
                      trial(6, [5, 5, 6, 6], 0.1)]
    result = inheritance.inheritance(same, skip=2)
    assert result["pairs"] == 4 and result["medianDistance"] == 1
    assert result["value"] == pytest.approx(1.0)
    # pairs (0.5, 0.1), (0.1, 0.5), (0.1, 0.1), (0.5, 0.5): the child's value says nothing of the parent's
    unrelated = parents + [trial(3, [0, 0, 0, 1], 0.1), trial(4, [5, 5, 5, 6], 0.5), trial(5, [0, 0, 1, 1], 0.1),
                           trial(6, [5, 5, 6, 6], 0.5)]
    assert inheritance.inheritance(unrelated, skip=2)["value"] == pytest.approx(0.0)
    assert math.isnan(inheritance.inheritance(same, skip=2)["parameters"])  # every size the same: nothing to rank


def test_summarize_skips_each_searchs_population_and_averages_per_strategy(tmp_path, capsys):
    lines = [trial(1, [0, 0], 0.3, seed=s) for s in (1, 2)] + [trial(2, [9, 9], 0.1, seed=s) for s in (1, 2)]
    lines += [trial(n, [0, n], 0.3, seed=s) for s in (1, 2) for n in (3, 5)]
    lines += [trial(n, [9, n], 0.1, seed=s) for s in (1, 2) for n in (4, 6)]
    lines += [trial(n, [n, n], 0.1 * n, strategy="nas-random", options={}, seed=1) for n in range(1, 14)]
    path = tmp_path / "trials.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    inheritance.summarize([str(path)])
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    searches = [o for o in out if o["kind"] == "nas-inheritance"]
    assert [(o["strategy"], o["seed"], o["skip"], o["pairs"]) for o in searches] == [
        ("nas-random", 1, 10, 3), ("regularized-evolution", 1, 2, 4), ("regularized-evolution", 2, 2, 4)]
    mean = next(o for o in out if o["kind"] == "nas-inheritance-mean" and o["strategy"] == "regularized-evolution")
    assert mean["searches"] == 2 and mean["value"] == pytest.approx(1.0)


def test_files_without_trial_lines_are_refused(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"kind": "nas", "strategy": "nas-random", "seed": 0}) + "\n")
    with pytest.raises(SystemExit, match="no kind: \"nas-trial\" lines.*--trial-lines"):
        inheritance.summarize([str(path)])


def test_retest_reruns_the_last_trials_with_the_trials_recipe_and_split_and_another_training_seed(tmp_path):
    fake, log = fake_automl(tmp_path, '{"validationLoss": config["seed"] / 100, "validationAccuracy": 0.75, "testAccuracy": 0.5}')
    per_trial = dict(SETTINGS, epochs=10, validationFraction=0.2, objective="validationLoss", learningRate=0.01,
                     validationSplit="perTrial")
    lines = [dict(trial(n, [n], 0.1 * n, seed=3), settings=per_trial) for n in (1, 2, 3)]
    lines += [dict(trial(n, [n], 0.1 * n, seed=4), settings=dict(per_trial, objective="validationError",
                                                                  validationSplit="fixed")) for n in (1, 2)]
    path = tmp_path / "trials.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    done = subprocess.run([sys.executable, SCRIPT, "retest", str(path), "--trials", "2", "--offset", "7",
                           "--binary", str(fake)], capture_output=True, text=True, check=True)
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(o["seed"], o["number"], o["trainingSeed"]) for o in out] == [(3, 2, 10), (3, 3, 10), (4, 1, 11), (4, 2, 11)]
    assert [o["value"] for o in out] == pytest.approx([0.10, 0.10, 0.25, 0.25])  # the loss, then 1 - accuracy
    trains = [c for c in logged(log) if c[0] == "train"]
    assert [c[c.index("--data-seed") + 1] for c in trains] == ["2003", "3003", "4", "4"]  # per trial, then fixed
    config = json.loads(trains[0][trains[0].index("--config") + 1])
    assert (config["epochs"], config["learningRate"], float(trains[0][trains[0].index("--validation-fraction") + 1])) == (10, 0.01, 0.2)
    retested = tmp_path / "retest.jsonl"
    retested.write_text(done.stdout)
    summary = subprocess.run([sys.executable, SCRIPT, "summarize", str(path), str(retested), "--skip", "1"],
                             capture_output=True, text=True, check=True)
    searches = [json.loads(line) for line in summary.stdout.splitlines() if '"nas-inheritance"' in line]
    assert [s["retested"] for s in searches] == [2, 2]
