"""A daemon killed with SIGKILL mid-loop loses no told result and, once reopened, continues with
exactly the suggestions an uninterrupted run makes (issue: journal and exact replay)."""

import signal

import pytest

from automl_client import Engine

SPACE = {
    "params": [
        {"name": "optimizer", "type": "categorical", "choices": ["sgd", "adam"]},
        {"name": "lr", "type": "float", "low": 1e-5, "high": 1e-1, "log": True},
        {"name": "momentum", "type": "float", "low": 0.0, "high": 0.99, "when": {"optimizer": ["sgd"]}},
        {"name": "layers", "type": "int", "low": 1, "high": 4},
    ]
}


def loss(config):
    return (config["lr"] * 1000 - 1) ** 2 + config["layers"]


def loop(session, n, configs):
    for _ in range(n):
        trial, = session.ask()
        configs.append(trial.config)
        session.tell(trial, loss(trial.config))


@pytest.mark.parametrize("strategy", ["random", "sobol", "grid"])
@pytest.mark.parametrize("durability", ["always", "batch", "none"])
def test_sigkill_then_reopen_continues_exactly(binary, tmp_path, strategy, durability):
    expected = []
    with Engine(binary=binary, data_dir=tmp_path / "straight") as engine:
        loop(engine.create_session(SPACE, strategy=strategy, seed=5, session_id="run"), 40, expected)

    configs = []
    crashed = Engine(binary=binary, data_dir=tmp_path / "crashed", args=("--durability", durability))
    session = crashed.create_session(SPACE, strategy=strategy, seed=5, session_id="run")
    loop(session, 15, configs)
    pending, = session.ask()
    configs.append(pending.config)
    crashed.process.send_signal(signal.SIGKILL)
    crashed.process.wait()
    crashed._terminate()

    with Engine(binary=binary, data_dir=tmp_path / "crashed") as engine:
        session = engine.open_session("run")
        status = session.status()
        # Every acknowledged event was written before its reply (fsync only matters for power
        # loss, not for a killed process), whatever the durability.
        assert status["counts"]["complete"] == 15
        assert status["counts"]["pending"] == 1
        told = [t.value for t in session.trials(state="complete")]
        assert told == [loss(c) for c in configs[:15]]
        session.tell(pending.id, loss(pending.config))
        loop(session, 40 - len(configs), configs)
        assert configs == expected
