"""``Session.optimize``: worker threads, failures, pruning."""

import threading

import pytest

from automl_client import TrialPruned


def test_optimize_with_four_workers_runs_exactly_n_trials(engine, space):
    session = engine.create_session(space, seed=21)
    threads = set()

    def objective(trial):
        threads.add(threading.current_thread().name)
        return (trial.config["x"] - 1.0) ** 2

    told = session.optimize(objective, n_trials=120, n_workers=4)
    assert len(told) == 120
    assert len({t.id for t in told}) == 120
    counts = session.status()["counts"]
    assert counts["complete"] == 120 and counts["pending"] == 0
    assert len(threads) >= 2
    assert len({t.client_id for t in told}) == 4
    assert session.best().value == min(t.value for t in told)


def test_exceptions_in_objective_tell_failed_and_continue(engine, space):
    session = engine.create_session(space, seed=22)

    def objective(trial):
        if trial.config["optimizer"] == "sgd":
            raise RuntimeError("diverged")
        return 1.0

    told = session.optimize(objective, n_trials=40, n_workers=2)
    states = {t.config["optimizer"]: set() for t in told}
    for t in told:
        states[t.config["optimizer"]].add(t.state)
    assert states.get("sgd", {"failed"}) == {"failed"}
    assert states.get("adam", {"complete"}) == {"complete"}
    assert session.status()["counts"]["failed"] == sum(t.state == "failed" for t in told) > 0


def test_uncaught_exception_stops_and_is_raised(engine, space):
    session = engine.create_session(space, seed=23)

    def objective(trial):
        raise KeyError("boom")

    with pytest.raises(KeyError):
        session.optimize(objective, n_trials=10, n_workers=2, catch=(ValueError,))
    counts = session.status()["counts"]
    assert counts["pending"] == 0 and counts["failed"] >= 1


def test_nan_result_is_told_failed(engine, space):
    session = engine.create_session(space, seed=24)
    told = session.optimize(lambda trial: float("nan"), n_trials=3)
    assert [t.state for t in told] == ["failed"] * 3


def test_pruned_trials_keep_their_reports(engine, space):
    session = engine.create_session(space, seed=25)

    def objective(trial):
        for step in range(3):
            trial.report(step, float(step))
        if trial.id % 2 == 0:
            raise TrialPruned()
        return 0.0

    told = session.optimize(objective, n_trials=6)
    pruned = [t for t in told if t.state == "pruned"]
    assert {t.id for t in pruned} == {0, 2, 4}
    assert all(len(t.intermediate) == 3 for t in pruned)


def test_multi_objective_optimize(engine, space):
    session = engine.create_session(space, objectives=["minimize", "maximize"], seed=26)
    told = session.optimize(lambda t: [t.config["x"] ** 2, t.config["layers"]], n_trials=30, n_workers=3)
    assert all(len(t.values) == 2 for t in told)
    front = session.pareto()
    assert front and all(t.state == "complete" for t in front)


def test_optimize_stops_when_a_grid_is_exhausted(engine):
    space = {"params": [{"name": "x", "type": "float", "low": 0, "high": 1},
                        {"name": "c", "type": "categorical", "choices": ["a", "b"]}]}
    session = engine.create_session(space, strategy="grid", options={"resolution": 3})
    told = session.optimize(lambda t: t.config["x"], n_trials=50, n_workers=3)
    assert len(told) == 6
    assert sorted((t.config["x"], t.config["c"]) for t in told) == sorted(
        (x, c) for x in (0.0, 0.5, 1.0) for c in ("a", "b"))
    assert session.ask() == [] and session.exhausted and not session.waiting
    assert session.best().value == 0.0
