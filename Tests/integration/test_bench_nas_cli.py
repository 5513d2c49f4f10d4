"""`automl bench nas` end to end on MNIST-1D with a tiny space: the AmoebaNet-style final
selection (`--final-candidates`) and the averaged final test (`--final-trainings`) show in the
rows a user reads, and options that cannot work are refused before any training.
"""

import json
import subprocess

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
