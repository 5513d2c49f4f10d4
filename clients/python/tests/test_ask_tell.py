"""The ask/tell loop, warm start, enqueue, best, Pareto sets and clientId idempotence."""

import math

import pytest

from automl_client import Engine


def quadratic(config):
    return (config["x"] - 1.0) ** 2 + math.log10(config["lr"]) ** 2 / 100


def test_ask_tell_loop_finishes_every_trial_and_tracks_the_best(engine, space):
    session = engine.create_session(space, seed=11)
    told = []
    for _ in range(30):
        (trial,) = session.ask()
        assert trial.state == "pending"
        told.append(session.tell(trial, quadratic(trial.config)))
    assert [t.state for t in told] == ["complete"] * 30
    status = session.status()
    assert status["counts"]["complete"] == 30 and status["total"] == 30
    best = session.best()
    assert best.value == min(t.value for t in told)
    assert session.pareto()[0].id == best.id


def test_ask_many_returns_distinct_pending_trials(engine, space):
    session = engine.create_session(space, seed=5)
    trials = session.ask(8)
    assert len({t.id for t in trials}) == 8
    assert session.status()["counts"]["pending"] == 8
    assert not session.waiting and not session.exhausted


def test_same_seed_gives_same_configs(engine, space):
    first = engine.create_session(space, seed=42)
    second = engine.create_session(space, seed=42)
    assert [t.config for t in first.ask(5)] == [t.config for t in second.ask(5)]


def test_conditional_parameter_present_only_when_parent_matches(engine, space):
    session = engine.create_session(space, seed=1)
    for trial in session.ask(200):
        assert ("momentum" in trial.config) == (trial.config["optimizer"] == "sgd")
        assert 1e-5 <= trial.config["lr"] <= 1e-1
        assert isinstance(trial.config["layers"], int)


def test_warm_start_adds_a_finished_trial_that_can_be_best(engine, space):
    session = engine.create_session(space, seed=2)
    (trial,) = session.ask()
    session.tell(trial, 10.0)
    warm = session.tell_config({"optimizer": "adam", "lr": 0.01, "layers": 2, "x": 1.0}, 0.5)
    assert warm.state == "complete" and warm.value == 0.5
    assert warm.id == 1
    assert session.best().id == warm.id


def test_enqueued_configs_are_handed_out_first_in_order(engine, space):
    session = engine.create_session(space, seed=3)
    a = session.enqueue({"optimizer": "sgd", "lr": 0.001, "momentum": 0.9, "layers": 1, "x": 0.0})
    b = session.enqueue({"optimizer": "adam", "lr": 0.01, "layers": 3, "x": 2.0})
    assert session.trials(state="queued").total == 2
    trials = session.ask(3)
    assert [t.id for t in trials[:2]] == [a, b]
    assert trials[0].config["momentum"] == 0.9
    assert trials[1].config == {"optimizer": "adam", "lr": 0.01, "layers": 3, "x": 2.0}
    assert trials[2].id not in (a, b)


def test_best_follows_the_goal_when_maximizing(engine, space):
    session = engine.create_session(space, objectives=[("score", "maximize")], seed=4)
    for v in (1.0, 3.0, 2.0):
        (trial,) = session.ask()
        session.tell(trial, v)
    assert session.best().value == 3.0


def test_pareto_with_two_objectives_keeps_only_non_dominated_trials(engine, space):
    session = engine.create_session(space, objectives=[("loss", "minimize"), ("size", "minimize")], seed=6)
    points = [(1.0, 5.0), (2.0, 2.0), (3.0, 3.0), (5.0, 1.0), (4.0, 4.0)]
    for p in points:
        (trial,) = session.ask()
        session.tell(trial, values=list(p))
    front = sorted(tuple(t.values) for t in session.pareto())
    assert front == [(1.0, 5.0), (2.0, 2.0), (5.0, 1.0)]
    assert session.best() is None


def test_client_id_gets_its_pending_trial_back_until_it_tells(engine, space):
    session = engine.create_session(space, seed=7)
    (first,) = session.ask(client_id="worker-a")
    (again,) = session.ask(client_id="worker-a")
    assert again.id == first.id and again.config == first.config
    assert again.client_id == "worker-a"
    (other,) = session.ask(client_id="worker-b")
    assert other.id != first.id
    session.tell(first, 1.0)
    (after,) = session.ask(client_id="worker-a")
    assert after.id not in (first.id, other.id)


def test_failed_trials_are_recorded_and_never_best(engine, space):
    session = engine.create_session(space, seed=8)
    (bad,) = session.ask()
    failed = session.tell(bad, state="failed")
    assert failed.state == "failed" and failed.values is None
    assert session.best() is None
    (good,) = session.ask()
    session.tell(good, 3.0)
    assert session.best().id == good.id
    assert [t.id for t in session.trials(state="failed")] == [bad.id]
    assert session.status()["counts"]["failed"] == 1


def test_report_records_intermediate_values_and_pruned_state(engine, space):
    session = engine.create_session(space, seed=9)
    (trial,) = session.ask()
    assert trial.report(1, 0.5) is False
    assert trial.report(2, 0.25) is False
    pruned = session.tell(trial, state="pruned")
    assert pruned.state == "pruned"
    assert [(p["step"], p["value"]) for p in pruned.intermediate] == [(1, 0.5), (2, 0.25)]


def test_abandoned_trial_leaves_pending(engine, space):
    session = engine.create_session(space, seed=10)
    (trial,) = session.ask()
    assert trial.abandon().state == "abandoned"
    assert session.status()["counts"] == {
        "queued": 0, "pending": 0, "complete": 0, "failed": 0, "pruned": 0, "abandoned": 1}


def test_trials_pages_and_counts_total(engine, space):
    session = engine.create_session(space, seed=12)
    for trial in session.ask(25):
        session.tell(trial, 1.0)
    page = session.trials(offset=20, limit=10)
    assert [t.id for t in page] == [20, 21, 22, 23, 24]
    assert page.total == 25
    assert len(session.all_trials(page_size=7)) == 25


def test_session_reopens_from_its_journal_in_a_new_engine(binary, tmp_path, space):
    data = tmp_path / "data"
    with Engine(binary=binary, data_dir=data) as first:
        session = first.create_session(space, seed=13, name="persisted", session_id="keep-me")
        for trial in session.ask(3):
            session.tell(trial, 1.0)
        pending = session.ask(1)[0]
    with Engine(binary=binary, data_dir=data) as second:
        assert {"sessionId": "keep-me", "loaded": False} in second.sessions()
        reopened = second.open_session("keep-me")
        status = reopened.status()
        assert status["name"] == "persisted" and status["counts"]["complete"] == 3
        assert status["counts"]["pending"] == 1
        told = reopened.tell(pending.id, 2.0)
        assert told.config == pending.config and told.state == "complete"


def test_closed_session_refuses_events_until_reopened(engine, space):
    import automl_client

    session = engine.create_session(space, seed=14)
    session.close()
    with pytest.raises(automl_client.SessionClosed):
        engine.session(session.id).ask()
    reopened = engine.open_session(session.id)
    assert len(reopened.ask()) == 1


def test_told_metrics_are_kept_with_the_trial_across_a_restart(binary, tmp_path, space):
    with Engine(binary=binary, data_dir=tmp_path / "data") as engine:
        session = engine.create_session(space, seed=3, session_id="m")
        (trial,) = session.ask()
        told = session.tell(trial, 0.25, metrics={"testAccuracy": 0.97, "parameters": 1234, "note": "a"})
        assert told.metrics == {"testAccuracy": 0.97, "parameters": 1234, "note": "a"}
        with pytest.raises(ValueError):
            session.tell(session.ask()[0], 0.5, metrics=[1, 2])
    with Engine(binary=binary, data_dir=tmp_path / "data") as engine:
        best = engine.open_session("m").best()
        assert best.id == trial.id and best.metrics["testAccuracy"] == 0.97
