"""benchmarks/nas_retrain.py: its plan, its bookkeeping and its statistics, on inputs whose answers are known by hand."""
import json
import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import nas_retrain as retrain  # noqa: E402
from fake_automl import calls as logged, fake_automl  # noqa: E402

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nas_retrain.py")
SPACE = {"kind": "nasnet", "channels": 16, "reductions": 1}
SETTINGS = {"trials": 80, "epochs": 10, "finalEpochs": 80, "finalTrainings": 3}


def row(strategy, seed, decisions, finals, parameters=50000, options=None):
    return {"kind": "nas", "strategy": strategy, "seed": seed, "decisions": decisions, "parameters": parameters,
            "finalTestAccuracy": sum(finals) / len(finals), "finalTestAccuracies": finals,
            "options": dict(options or {}, space=SPACE), "settings": SETTINGS}


def extra(seed, decisions, training_seed, accuracy):
    return {"kind": "nas-retraining", "seed": seed, "space": SPACE, "decisions": decisions, "epochs": 80,
            "trainingSeed": training_seed, "testAccuracy": accuracy, "parameters": 50000}


def write(path, lines):
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return str(path)


def run_summary(tmp_path, capsys, lines, baseline="nas-random"):
    retrain.summarize([write(tmp_path / "all.jsonl", lines)], baseline)
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_plan_trains_a_network_both_strategies_found_once_with_seeds_after_the_benchmarks_own():
    lines = [(row("regularized-evolution", 9, [1, 2], [0.99, 0.98, 0.99]), "a:1"),
             (row("nas-random", 9, [1, 2], [0.99, 0.98, 0.99]), "b:1"),
             (row("nas-random", 5, [3, 4], [0.98, 0.98, 0.98]), "b:2")]
    jobs = retrain.plan(retrain.found_networks(lines), trainings=2, offset=300)
    assert [(j["seed"], j["decisions"], j["trainingSeed"]) for j in jobs] == [
        (9, [1, 2], 309), (9, [1, 2], 409), (5, [3, 4], 305), (5, [3, 4], 405)]


def test_a_row_without_a_final_retraining_is_refused_naming_its_line():
    bare = row("nas-random", 0, [1], [0.9])
    bare["settings"] = {"finalEpochs": 0}
    with pytest.raises(SystemExit, match="f.jsonl:7: the row has no final retraining"):
        retrain.found_networks([(bare, "f.jsonl:7")])


def test_strategies_are_judged_on_the_mean_of_their_own_and_the_added_trainings(tmp_path, capsys):
    evolution = {"population": 10, "sample": 5}
    lines = [row("regularized-evolution", 1, [1], [0.98, 0.98, 0.98], options=evolution),
             row("nas-random", 1, [2], [0.985, 0.985, 0.985]),
             row("regularized-evolution", 2, [3], [0.99, 0.99, 0.99], options=evolution),
             row("nas-random", 2, [4], [0.97, 0.97, 0.97]),
             row("regularized-evolution", 3, [5], [0.99, 0.98, 0.99], options=evolution),
             row("nas-random", 3, [5], [0.99, 0.98, 0.99]),  # the same network: level
             # seed 1: three more trainings lift evolution's network from 0.98 to 0.99, past random's 0.985
             extra(1, [1], 301, 1.0), extra(1, [1], 401, 1.0), extra(1, [1], 501, 1.0)]
    versus, spread = run_summary(tmp_path, capsys, lines)
    assert (versus["won"], versus["level"], versus["lost"]) == (2, 1, 0)
    assert versus["trainings"] == [[6, 3], [3, 3], [3, 3]]
    assert versus["differences"] == pytest.approx([0.005, 0.02, 0.0], abs=1e-12)
    assert versus["signTestP"] == pytest.approx(0.5)  # two of two: 2 * (1/4)
    assert spread["kind"] == "nas-retrain-spread"


def test_an_added_training_is_matched_to_its_network_by_seed_space_decisions_and_epochs(tmp_path, capsys):
    lines = [row("regularized-evolution", 1, [1], [0.98, 0.98]), row("nas-random", 1, [2], [0.98, 0.98]),
             extra(1, [1], 301, 0.99)]
    versus = run_summary(tmp_path, capsys, lines)[0]
    assert versus["meanTestAccuracy"][0] == pytest.approx((0.98 + 0.98 + 0.99) / 3)
    stray = extra(2, [1], 301, 0.99)  # seed 2 found nothing in these files
    with pytest.raises(SystemExit, match="all.jsonl:4: a retraining of a network no row"):
        run_summary(tmp_path, capsys, lines[:2] + [lines[2], stray])


def test_a_training_seed_given_twice_counts_once_and_must_give_the_same_accuracy(tmp_path, capsys):
    base = [row("regularized-evolution", 1, [1], [0.98, 0.97]), row("nas-random", 1, [2], [0.98, 0.98])]
    same = run_summary(tmp_path, capsys, base + [extra(1, [1], 101, 0.97)])[0]  # 101 is its second own training
    assert same["trainings"] == [[2, 2]]
    with pytest.raises(SystemExit, match="training seed 101 of seed 1's network gave 0.99, but 0.97 elsewhere"):
        run_summary(tmp_path, capsys, base + [extra(1, [1], 101, 0.99)])


def test_spread_separates_training_noise_from_the_networks_true_differences():
    # trainings [1, 3] and [5, 7]: pooled within variance (2 + 2) / 2 = 2; the means 2 and 6 vary
    # by 8, of which 2 / 2 is noise: a true variance of 7.
    found = [{"seed": 0, "space": None, "decisions": [0], "epochs": 1, "learningRate": 0.003, "trainings": {0: 1.0, 100: 3.0}},
             {"seed": 1, "space": None, "decisions": [0], "epochs": 1, "learningRate": 0.003, "trainings": {1: 5.0, 101: 7.0}}]
    result = retrain.spread(found)
    assert result["trainingSD"] == pytest.approx(2 ** 0.5)
    assert result["networkSD"] == pytest.approx(7 ** 0.5)
    assert result["reliabilityOfOne"] == pytest.approx(7 / 9)
    assert result["reliabilityOfMean"] == pytest.approx(7 / 8)


def test_sign_test_p_is_exact_and_two_sided():
    assert retrain.sign_test_p(5, 0) == pytest.approx(2 / 32)
    assert retrain.sign_test_p(1, 7) == pytest.approx(2 * 9 / 256)
    assert retrain.sign_test_p(0, 0) == 1.0


def test_train_runs_the_documented_commands_and_splits_the_jobs_between_workers(tmp_path):
    fake, log = fake_automl(tmp_path, '{"testAccuracy": config["seed"] / 1000, "parameters": 410}')
    rows = write(tmp_path / "rows.jsonl", [row("nas-random", 4, [7, 8], [0.98])])
    outputs = []
    for worker in (0, 1):
        done = subprocess.run([sys.executable, SCRIPT, "train", rows, "--trainings", "3", "--binary", str(fake),
                               "--worker", str(worker), "--workers", "2"], capture_output=True, text=True, check=True)
        outputs += [json.loads(line) for line in done.stdout.splitlines()]
    assert sorted(o["trainingSeed"] for o in outputs) == [304, 404, 504]
    assert all(o["testAccuracy"] == o["trainingSeed"] / 1000 and o["kind"] == "nas-retraining" for o in outputs)
    calls = logged(log)
    architecture = [c for c in calls if c[0] == "architecture"][0]
    assert json.loads(architecture[architecture.index("--decisions") + 1]) == [7, 8]
    assert json.loads(architecture[architecture.index("--space") + 1]) == SPACE
    train = [c for c in calls if c[0] == "train"][0]
    assert train[train.index("--data-seed") + 1] == "4" and float(train[train.index("--validation-fraction") + 1]) == 0
    config = json.loads(train[train.index("--config") + 1])
    assert (config["epochs"], config["learningRate"], config["model"]["layers"][0]["units"]) == (80, 0.003, 10)


def test_a_run_with_another_learning_rate_is_retrained_and_matched_with_it(tmp_path, capsys):
    fast = row("nas-random", 1, [2], [0.98, 0.98])
    fast["settings"] = dict(SETTINGS, learningRate=0.01)
    jobs = retrain.plan(retrain.found_networks([(fast, "f:1")]), trainings=1, offset=300)
    assert jobs[0]["learningRate"] == 0.01
    lines = [row("regularized-evolution", 1, [1], [0.98, 0.98]), row("nas-random", 1, [2], [0.98, 0.98]),
             extra(1, [1], 301, 0.99)]
    lines[0]["settings"] = lines[1]["settings"] = dict(SETTINGS, learningRate=0.01)
    with pytest.raises(SystemExit, match="a retraining of a network no row"):  # the extra line is of the 0.003 recipe
        run_summary(tmp_path, capsys, lines)
    lines[2]["learningRate"] = 0.01
    assert run_summary(tmp_path, capsys, lines)[0]["trainings"] == [[3, 2]]


def trial(strategy, seed, number, decisions, value, test=0.9, options=None):
    return {"kind": "nas-trial", "strategy": strategy, "seed": seed, "number": number, "decisions": decisions,
            "parameters": 40000 + number, "value": value, "validationAccuracy": 0.9, "testAccuracy": test,
            "options": dict(options or {}, space=SPACE), "settings": SETTINGS}


def test_a_training_the_rows_already_hold_is_not_run_again():
    lines = [(row("nas-random", 4, [7], [0.98, 0.97]), "a:1")]
    jobs = retrain.plan(retrain.found_networks(lines), trainings=3, offset=0)
    assert [j["trainingSeed"] for j in jobs] == [204]  # 4 and 104 are the benchmark's own


def test_top_takes_each_searchs_k_lowest_told_values_earlier_first_on_ties_and_shares_the_found_networks_trainings():
    lines = [(row("nas-random", 2, [1], [0.99, 0.98]), "r:1"),
             (trial("nas-random", 2, 1, [5], 0.30), "r:2"), (trial("nas-random", 2, 2, [1], 0.10), "r:3"),
             (trial("nas-random", 2, 3, [6], 0.20), "r:4"), (trial("nas-random", 2, 4, [7], 0.20), "r:5"),
             (trial("regularized-evolution", 2, 1, [8], 0.01), "e:1")]  # another search's trial: not this row's
    found, every = retrain.networks_of(lines, top=2)
    assert [entry["decisions"] for entry in found[0]["top"]] == [[1], [6]]  # [6] and [7] tie: the earlier trial
    assert found[0]["top"][0]["trainings"] is found[0]["trainings"]  # the found network, trained once for both
    jobs = retrain.plan(every, trainings=1, offset=0)
    assert [(j["decisions"], j["trainingSeed"]) for j in jobs] == [([6], 2)]


def test_top_is_refused_without_trial_lines_or_with_fewer_trials_than_k():
    lines = [(row("nas-random", 2, [1], [0.99]), "r.jsonl:1")]
    with pytest.raises(SystemExit, match="r.jsonl:1: no nas-trial lines of this search.*--trial-lines"):
        retrain.networks_of(lines, top=2)
    with pytest.raises(SystemExit, match="r.jsonl:1: the search trained 1 networks, fewer than --top 2"):
        retrain.networks_of(lines + [(trial("nas-random", 2, 1, [1], 0.1), "r.jsonl:2")], top=2)


def test_a_trial_read_twice_must_be_the_same_trial():
    lines = [(row("nas-random", 2, [1], [0.99]), "r:1"), (trial("nas-random", 2, 1, [1], 0.1), "r:2"),
             (trial("nas-random", 2, 1, [1], 0.1), "copy:2")]
    retrain.networks_of(lines, top=1)
    with pytest.raises(SystemExit, match="other:2: trial 1 of nas-random seed 2 differs from r:2"):
        retrain.networks_of(lines + [(trial("nas-random", 2, 1, [9], 0.1), "other:2")], top=1)


def test_summarize_top_judges_each_search_on_the_mean_final_and_trial_test_of_its_k_best(tmp_path, capsys):
    lines = [row("regularized-evolution", 1, [1], [0.98, 0.98]), row("nas-random", 1, [2], [0.99, 0.99]),
             trial("regularized-evolution", 1, 1, [1], 0.1, test=0.95), trial("regularized-evolution", 1, 2, [3], 0.2, test=0.97),
             trial("regularized-evolution", 1, 3, [4], 0.9, test=0.10),  # third: outside the top two
             trial("nas-random", 1, 1, [2], 0.1, test=0.96), trial("nas-random", 1, 2, [5], 0.3, test=0.92),
             extra(1, [3], 1, 1.0), extra(1, [5], 1, 0.95)]
    found, top, trials, second_half, _ = run_summary_top(tmp_path, capsys, lines, top=2)
    assert found["differences"] == pytest.approx([-0.01])  # the found networks alone: random ahead
    assert top["differences"] == pytest.approx([(0.98 + 1.0) / 2 - (0.99 + 0.95) / 2])  # +0.02: evolution ahead
    assert top["trainings"] == [[3, 3]] and top["top"] == 2
    assert trials["differences"] == pytest.approx([(0.95 + 0.97) / 2 - (0.96 + 0.92) / 2])
    assert second_half["kind"] == "nas-retrain-second-half-trial-versus"
    assert second_half["differences"] == pytest.approx([0.10 - 0.92])  # the last 1 of 3 trials and 1 of 2, as the bench counts
    with pytest.raises(SystemExit, match="number 2 by told value has no final training"):
        run_summary_top(tmp_path, capsys, lines[:-1], top=2)


def run_summary_top(tmp_path, capsys, lines, top):
    retrain.summarize([write(tmp_path / "all.jsonl", lines)], "nas-random", top)
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]
