"""`automl bench nas` end to end on MNIST-1D with a tiny space: the AmoebaNet-style final
selection (`--final-candidates`) and the averaged final test (`--final-trainings`) show in the
rows a user reads, and options that cannot work are refused before any training.
"""

import json
import os
import subprocess
import sys

SPACE = {"kind": "nasnet", "blocks": 1, "channels": 2, "reductions": 0}


def bench(binary, *extra):
    return subprocess.run([binary, "bench", "nas", "--strategies", "nas-random", "--trials", "3", "--epochs", "1",
                           "--seeds", "1", "--space", json.dumps(SPACE), "--no-measure-references", *extra],
                          capture_output=True, text=True, timeout=600)


def test_rows_carry_the_retrained_candidates_and_every_final_training(binary):
    done = bench(binary, "--final-epochs", "1", "--final-candidates", "2", "--final-trainings", "2",
                 "--objective", "validationLoss")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    row = next(r for r in rows if r["kind"] == "nas")
    candidates = row["candidates"]
    assert len(candidates) == 2
    assert candidates[0]["searchValue"] <= candidates[1]["searchValue"]
    chosen = min(candidates, key=lambda c: c["value"])
    assert row["decisions"] == chosen["decisions"] and row["value"] == chosen["searchValue"]
    assert len(row["finalTestAccuracies"]) == 2
    assert abs(row["finalTestAccuracy"] - sum(row["finalTestAccuracies"]) / 2) < 1e-12


def test_options_that_cannot_work_are_refused_by_name(binary):
    no_final = bench(binary, "--final-epochs", "0", "--final-candidates", "3")
    assert no_final.returncode != 0 and "--final-candidates" in no_final.stderr
    assert not no_final.stdout.strip()
    zero = bench(binary, "--final-trainings", "0")
    assert zero.returncode != 0 and "--final-trainings must be at least 1" in zero.stderr


def test_rows_of_separate_runs_are_compared_seed_by_seed(binary, tmp_path):
    """Two runs of one strategy each, as a user runs them in parallel, compared afterwards."""
    evolution = subprocess.run([binary, "bench", "nas", "--strategies", "regularized-evolution", "--trials", "3",
                                "--epochs", "1", "--seeds", "2", "--space", json.dumps(SPACE), "--population", "2",
                                "--final-epochs", "1", "--no-measure-references"],
                               capture_output=True, text=True, timeout=600)
    assert evolution.returncode == 0, evolution.stderr
    random = bench(binary, "--seeds", "2", "--final-epochs", "1")
    assert random.returncode == 0, random.stderr
    (tmp_path / "evolution.jsonl").write_text(evolution.stdout)
    (tmp_path / "random.jsonl").write_text(random.stdout)
    done = subprocess.run([binary, "bench", "nas-compare", str(tmp_path / "evolution.jsonl"), str(tmp_path / "random.jsonl")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    line, = [json.loads(text) for text in done.stdout.splitlines()]
    assert line["kind"] == "nas-versus-random" and line["strategy"] == "regularized-evolution" and line["seeds"] == 2
    assert line["options"]["population"] == 2 and line["settings"]["trials"] == 3
    rows = {(r["strategy"], r["seed"]): r for r in map(json.loads, (evolution.stdout + random.stdout).splitlines())
            if r["kind"] == "nas"}
    wins = sum(rows["regularized-evolution", s]["finalTestAccuracy"] > rows["nas-random", s]["finalTestAccuracy"] for s in (0, 1))
    final = line["paired"]["finalTest"]
    assert final["wins"] == wins and final["pairs"] == 2
    assert 0 < final["signTestP"] <= 1


def test_nas_compare_names_the_line_it_cannot_read(binary, tmp_path):
    bad = tmp_path / "progress.txt"
    bad.write_text('{"kind": "nas-median"}\nnas-random seed 0: trial 1/80 validation accuracy 0.986\n')
    done = subprocess.run([binary, "bench", "nas-compare", str(bad)], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and f"{bad}:2: not a JSON text" in done.stderr
    assert not done.stdout.strip()
    lonely = tmp_path / "random-only.jsonl"
    lonely.write_text('{"kind": "nas", "strategy": "nas-random", "seed": 0, "validationAccuracy": 0.9, '
                      '"topFiveValidationAccuracy": 0.9, "secondHalfValidationAccuracy": 0.9}\n')
    done = subprocess.run([binary, "bench", "nas-compare", str(lonely)], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "no strategy to compare with nas-random" in done.stderr


def test_trial_lines_let_nas_retrain_judge_each_search_on_its_top_networks(binary, tmp_path):
    """`--trial-lines` prints every trained network; `nas_retrain.py --top` retrains the best of
    each search with the real trainer and compares the strategies on them."""
    evolution = subprocess.run([binary, "bench", "nas", "--strategies", "regularized-evolution", "--trials", "4",
                                "--epochs", "1", "--seeds", "1", "--space", json.dumps(SPACE), "--population", "2",
                                "--final-epochs", "1", "--no-measure-references", "--trial-lines"],
                               capture_output=True, text=True, timeout=600)
    random = bench(binary, "--trials", "4", "--final-epochs", "1", "--trial-lines")
    assert evolution.returncode == 0 and random.returncode == 0, evolution.stderr + random.stderr
    lines = [json.loads(text) for text in (evolution.stdout + random.stdout).splitlines()]
    trials = [line for line in lines if line["kind"] == "nas-trial"]
    assert sorted((t["strategy"], t["number"]) for t in trials) == sorted(
        (s, n) for s in ("regularized-evolution", "nas-random") for n in (1, 2, 3, 4))
    rows = tmp_path / "rows.jsonl"
    rows.write_text(evolution.stdout + random.stdout)
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "benchmarks", "nas_retrain.py")
    trained = subprocess.run([sys.executable, script, "train", str(rows), "--top", "2", "--trainings", "1", "--offset", "0",
                              "--binary", binary], capture_output=True, text=True, timeout=600)
    assert trained.returncode == 0, trained.stderr
    retrainings = [json.loads(text) for text in trained.stdout.splitlines()]
    assert 1 <= len(retrainings) <= 2 and all(r["trainingSeed"] == 0 for r in retrainings)  # the found ones already have seed 0
    (tmp_path / "top.jsonl").write_text(trained.stdout)
    summary = subprocess.run([sys.executable, script, "summarize", str(rows), str(tmp_path / "top.jsonl"), "--top", "2"],
                             capture_output=True, text=True, timeout=60)
    assert summary.returncode == 0, summary.stderr
    kinds = [json.loads(text)["kind"] for text in summary.stdout.splitlines()]
    assert kinds[:3] == ["nas-retrain-versus", "nas-retrain-top-versus", "nas-retrain-top-trial-versus"]
    assert "mean final test of the 2 best by told value" in summary.stderr
