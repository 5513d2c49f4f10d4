"""Quickstart: 1,000 random-search trials on a conditional space, driven from Python.

Run from the swift-automl checkout after `swift build` (or set AUTOML_BIN):

    python3 clients/python/examples/quickstart.py
"""

import math

from automl_client import Engine

space = {"params": [
    {"name": "optimizer", "type": "categorical", "choices": ["sgd", "adam"]},
    {"name": "lr", "type": "float", "low": 1e-5, "high": 1e-1, "log": True},
    {"name": "momentum", "type": "float", "low": 0.0, "high": 0.99, "when": {"optimizer": ["sgd"]}},
    {"name": "layers", "type": "int", "low": 1, "high": 8},
    {"name": "width", "type": "ordinal", "values": [32, 64, 128, 256]},
]}


def check(config):
    """Every config respects the space: bounds, types, and the condition on momentum."""
    assert config["optimizer"] in ("sgd", "adam")
    assert 1e-5 <= config["lr"] <= 1e-1
    assert ("momentum" in config) == (config["optimizer"] == "sgd")
    assert 0.0 <= config.get("momentum", 0.0) <= 0.99
    assert isinstance(config["layers"], int) and 1 <= config["layers"] <= 8
    assert config["width"] in (32, 64, 128, 256)


def loss(config):
    """A stand-in for training: best near lr = 1e-3, 3 layers, width 128."""
    penalty = 0.1 if config["optimizer"] == "sgd" and config["momentum"] < 0.5 else 0.0
    return (math.log10(config["lr"]) + 3) ** 2 + (config["layers"] - 3) ** 2 / 10 \
        + abs(math.log2(config["width"] / 128)) / 4 + penalty


with Engine() as engine:  # spawns `automl serve`; sessions go to $AUTOML_DATA_DIR or ~/.local/state/automl
    session = engine.create_session(space, strategy="random", seed=7)
    for _ in range(1000):
        trial, = session.ask()
        check(trial.config)
        session.tell(trial, loss(trial.config))
    best = session.best()
    print(f"{session.status()['counts']['complete']} trials; best loss {best.value:.4f} with {best.config}")
