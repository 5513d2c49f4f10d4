"""Error codes arrive as typed exceptions; bad values are refused before they are sent."""

import math

import pytest

import automl_client
from automl_client import Engine


def test_invalid_space_raises_invalid_params_with_path(engine):
    bad = {"params": [{"name": "a", "type": "int", "low": 0, "high": 3},
                      {"name": "b", "type": "float", "low": 2.0, "high": 1.0}]}
    with pytest.raises(automl_client.InvalidParams) as caught:
        engine.create_session(bad)
    assert caught.value.code == -32602
    assert caught.value.path == "params.space.params[1].low"
    assert "less than" in caught.value.reason


def test_unknown_session(engine):
    with pytest.raises(automl_client.UnknownSession) as caught:
        engine.session("no-such-session").ask()
    assert caught.value.code == 1000


def test_unknown_trial(engine, space):
    session = engine.create_session(space, seed=1)
    with pytest.raises(automl_client.UnknownTrial):
        session.tell(99, 1.0)


def test_telling_twice_raises_trial_finished(engine, space):
    session = engine.create_session(space, seed=1)
    (trial,) = session.ask()
    session.tell(trial, 1.0)
    with pytest.raises(automl_client.TrialFinished):
        session.tell(trial.id, 2.0)


def test_unknown_strategy(engine, space):
    with pytest.raises(automl_client.UnknownStrategy):
        engine.create_session(space, strategy="no-such-strategy")


def test_session_exists(engine, space):
    engine.create_session(space, session_id="twice")
    with pytest.raises(automl_client.SessionExists):
        engine.create_session(space, session_id="twice")


def test_method_not_found(engine):
    with pytest.raises(automl_client.MethodNotFound):
        engine.call("session/frobnicate", {})


def test_wrong_number_of_values_is_invalid_params(engine, space):
    session = engine.create_session(space, seed=1)
    (trial,) = session.ask()
    with pytest.raises(automl_client.InvalidParams) as caught:
        session.tell(trial, values=[1.0, 2.0])
    assert caught.value.path == "params.values"


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_values_are_refused_locally(engine, space, value):
    session = engine.create_session(space, seed=1)
    (trial,) = session.ask()
    with pytest.raises(ValueError):
        session.tell(trial, value)
    with pytest.raises(ValueError):
        trial.report(1, value)
    with pytest.raises(ValueError):
        engine.call("session/tell", {"sessionId": session.id, "trialId": trial.id, "value": value})
    assert session.tell(trial, 1.0).state == "complete"  # nothing reached the engine


def test_every_error_class_is_an_automl_error():
    for code, cls in automl_client.errors.ERRORS_BY_CODE.items():
        error = automl_client.errors.error_from_object({"code": code, "message": "m", "data": None})
        assert type(error) is cls and isinstance(error, automl_client.AutoMLError) and error.code == code


def test_engine_died_when_the_process_is_gone(binary, tmp_path):
    engine = Engine(binary=binary, data_dir=tmp_path)
    engine.process.kill()
    engine.process.wait()
    with pytest.raises(automl_client.EngineDied):
        for _ in range(100):  # the reader thread notices the exit
            engine.call("strategy/list")
    engine.close()


def test_close_exits_with_code_zero(binary, tmp_path, framing):
    engine = Engine(binary=binary, data_dir=tmp_path, framing=framing)
    assert engine.server["serverInfo"]["name"] == "automl"
    assert engine.close() == 0
    with pytest.raises(automl_client.EngineDied):
        engine.call("strategy/list")
