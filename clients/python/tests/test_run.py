"""``Session.run``: the engine trains its own trials (session/run), with progress and typed errors."""

import pytest

from automl_client import InvalidParams

#: One hidden layer of 4 units, one epoch on digits: a trial takes milliseconds.
TINY = {"epochs": 1, "layers": 1, "width": 4}
SPACE = {"params": [{"name": "learningRate", "type": "float", "low": 1e-3, "high": 0.1, "log": True}]}


def test_run_trains_two_trials_and_reports_progress(engine):
    session = engine.create_session(SPACE, strategy="random", seed=3)
    reports = []
    summary = session.run("digits", max_trials=2, progress=reports.append, config=TINY)

    assert summary["trials"] == summary["complete"] == 2
    assert summary["stopReason"] == "maxTrials"
    best = summary["best"]
    assert best["value"] == pytest.approx(1 - best["metrics"]["validationAccuracy"])
    assert 0 <= best["metrics"]["testAccuracy"] <= 1
    assert [r["percentage"] for r in reports] == [50, 100]
    assert reports[0]["message"].startswith("trial 1/2 complete")
    told = session.all_trials()
    assert [t.state for t in told] == ["complete", "complete"]
    assert all(t.cost > 0 and len(t.intermediate) == 1 for t in told)
    assert session.best().id == best["trialId"]


def test_run_session_by_id_and_a_bad_evaluator_names_the_field(engine):
    session = engine.create_session(SPACE, strategy="random", seed=4)
    summary = engine.run_session(session.id, {"dataset": "digits", "config": TINY}, max_trials=1)
    assert summary["trials"] == 1
    with pytest.raises(InvalidParams) as raised:
        session.run("no-such-data-set", max_trials=1)
    assert raised.value.path == "params.evaluator.dataset"
    with pytest.raises(InvalidParams) as raised:
        session.run("digits", metric="testAccuracy")
    assert raised.value.path == "params.evaluator.metric"
    assert session.status()["counts"]["complete"] == 1
